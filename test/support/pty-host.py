#!/usr/bin/env python3
# Runs one command on a new pseudo-terminal, for test/support/pty.mjs: the standard library's
# pty support, so the tests need no native addon and no install step.
#
#   pty-host.py COLS ROWS STDOUT_MODE -- FILE ARG...
#
# The host's stdin is typed into the terminal and everything the terminal shows comes out on the
# host's stdout. STDOUT_MODE "pty" gives the command the terminal as fd 1 too; "fd3" gives it the
# host's fd 3 instead (a pipe the caller reads), so that stdout can be told apart from stderr.
# The host ends as the command did: the same exit code, or killed by the same signal.
import errno
import fcntl
import os
import resource
import select
import signal
import struct
import sys
import termios


def spawn(argv, cols, rows, stdout_mode):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    pid = os.fork()
    if pid == 0:
        try:
            os.close(master)
            os.setsid()  # a session of its own, so the terminal's Ctrl-C reaches only the command
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            os.dup2(slave, 0)
            os.dup2(3 if stdout_mode == 'fd3' else slave, 1)
            os.dup2(slave, 2)
            os.closerange(3, 256)
            for sig in (signal.SIGINT, signal.SIGPIPE, signal.SIGTERM):
                signal.signal(sig, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, set())  # the mask, too, survives exec
            os.execvp(argv[0], argv)
        except BaseException as error:  # exec failed: say so on the terminal, exit like a shell
            os.write(2, f'pty-host: {argv[0]}: {error}\r\n'.encode())
            os._exit(127)
    os.close(slave)
    if stdout_mode == 'fd3':
        os.close(3)  # only the command writes there, so the caller sees EOF when it ends
    return pid, master


def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]


running = {}  # pid → True while the command has not been reaped, for the SIGTERM handler


def kill_command(*_):
    for pid in running:
        os.kill(pid, signal.SIGKILL)


def relay(pid, master):
    """Copies stdin to the terminal and the terminal to stdout until the command has ended and the
    terminal has nothing more to show. Returns the command's wait status."""
    stdin_open = True
    status = None
    quiet_polls = 0
    while True:
        readable = [master] + ([0] if stdin_open else [])
        ready, _, _ = select.select(readable, [], [], 0.02)
        if master in ready:
            try:
                data = os.read(master, 65536)
            except OSError as error:
                if error.errno != errno.EIO:  # EIO: every copy of the terminal's other end is closed
                    raise
                if status is None:
                    status = os.waitpid(pid, 0)[1]
                    running.pop(pid, None)
                return status
            write_all(1, data)
            quiet_polls = 0
        if stdin_open and 0 in ready:
            data = os.read(0, 65536)
            if data:
                write_all(master, data)
            else:
                stdin_open = False
        if status is None:
            reaped, wait_status = os.waitpid(pid, os.WNOHANG)
            if reaped:
                status = wait_status
                running.pop(pid, None)
        elif master not in ready:
            # The command has ended but something it started still holds the terminal open:
            # what the command printed has been read once the terminal stays quiet a while.
            quiet_polls += 1
            if quiet_polls >= 10:
                return status


def end_like(status):
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if sig != signal.SIGKILL:  # SIGKILL's disposition is fixed; others may have a handler here
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        sys.exit(128 + sig)  # not reached unless the signal cannot end a process
    sys.exit(os.WEXITSTATUS(status))


def main():
    cols, rows, stdout_mode, separator, *argv = sys.argv[1:]
    if separator != '--' or not argv or stdout_mode not in ('pty', 'fd3'):
        sys.exit('usage: pty-host.py COLS ROWS pty|fd3 -- FILE ARG...')
    # The caller ends the host with SIGTERM on a time-out: the command is killed, the host then
    # ends as the command did. Blocked until the command is known, so none is left behind.
    signal.signal(signal.SIGTERM, kill_command)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is typed into the terminal, not sent here
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    pid, master = spawn(argv, int(cols), int(rows), stdout_mode)
    running[pid] = True
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    end_like(relay(pid, master))


main()
