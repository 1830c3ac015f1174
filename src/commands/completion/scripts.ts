// Completion scripts for bash, zsh and fish, written from the command specs: every command and
// subcommand, every option (with the global ones), the choices of options and arguments, and file
// names where an option takes a file. Nothing is hand-kept: a new flag in a spec completes at once.
import { isGroup, type AnySpec, type OptionSpec } from '../define.js';
import { GLOBAL_OPTIONS } from '../shared.js';
import { COMMANDS } from '../tree.js';

interface Node {
  path: string;
  subcommands: { name: string; description: string }[];
  options: OptionSpec[];
  argumentChoices: string[];
}

const PROGRAM = 'mmbatch-auth';
const GLOBALS = Object.values(GLOBAL_OPTIONS) as OptionSpec[];
const HELP_AND_VERSION: OptionSpec[] = [
  { flag: '--help', short: '-h', description: 'display help for command' },
  { flag: '--version', short: '-v', description: 'print the version' },
];

function nodes(): Node[] {
  const out: Node[] = [];
  const top = [...COMMANDS.map((spec) => ({ name: spec.name, description: spec.description })), { name: 'help', description: 'display help for a command' }];
  out.push({ path: '', subcommands: top, options: [...GLOBALS, ...HELP_AND_VERSION], argumentChoices: [] });
  out.push({ path: 'help', subcommands: COMMANDS.map((spec) => ({ name: spec.name, description: spec.description })), options: [], argumentChoices: [] });
  const walk = (spec: AnySpec, prefix: string) => {
    const path = prefix ? `${prefix} ${spec.name}` : spec.name;
    if (isGroup(spec)) {
      out.push({ path, subcommands: spec.commands.map((sub) => ({ name: sub.name, description: sub.description })), options: [...GLOBALS, HELP_AND_VERSION[0]], argumentChoices: [] });
      for (const sub of spec.commands) walk(sub, path);
      return;
    }
    const own = Object.values(spec.options) as OptionSpec[];
    out.push({ path, subcommands: [], options: [...own, ...GLOBALS, HELP_AND_VERSION[0]], argumentChoices: spec.args.flatMap((arg) => arg.choices ?? []) });
  };
  for (const spec of COMMANDS) walk(spec, '');
  return out;
}

const flagsOf = (option: OptionSpec) => [option.flag, ...(option.short ? [option.short] : [])];
const words = (list: string[]) => list.join(' ');
/** Single-quoted for a POSIX shell or fish. */
const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
const fishQuote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The bash functions (zsh runs them through bashcompinit). `cmd_path`, not `path`: zsh ties `path` to PATH. */
function bashFunctions(all: Node[]): string {
  const cases = (body: (node: Node) => string | undefined) =>
    all
      .map((node) => [node, body(node)] as const)
      .filter(([, text]) => text)
      .map(([node, text]) => `    ${quote(node.path)}) echo ${quote(text!)} ;;`)
      .join('\n');
  const choiceCases = all
    .flatMap((node) =>
      node.options.filter((option) => option.value).flatMap((option) =>
        flagsOf(option).map((flag) => `    ${quote(`${node.path}|${flag}`)}) echo ${quote(option.choices ? words([...option.choices]) : option.file ? '__file__' : '')} ;;`),
      ),
    )
    .join('\n');
  return `_mmbatch_auth_subcommands() {
  case "$1" in
${cases((node) => words(node.subcommands.map((sub) => sub.name)) || undefined)}
  esac
}
_mmbatch_auth_options() {
  case "$1" in
${cases((node) => words(node.options.flatMap(flagsOf)))}
  esac
}
_mmbatch_auth_value_options() {
  case "$1" in
${cases((node) => words(node.options.filter((option) => option.value).flatMap(flagsOf)) || undefined)}
  esac
}
_mmbatch_auth_choices() {
  case "$1|$2" in
${choiceCases}
  esac
}
_mmbatch_auth_arguments() {
  case "$1" in
${cases((node) => words(node.argumentChoices) || undefined)}
  esac
}
_mmbatch_auth() {
  # Under zsh's bashcompinit, index arrays from 0 as bash does.
  [[ -n "\${ZSH_VERSION-}" ]] && setopt localoptions ksharrays
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd_path="" word skip=0 i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      --*=*) ;;
      -*) case " $(_mmbatch_auth_value_options "$cmd_path") " in *" $word "*) skip=1 ;; esac ;;
      *) case " $(_mmbatch_auth_subcommands "$cmd_path") " in *" $word "*) cmd_path="\${cmd_path:+$cmd_path }$word" ;; esac ;;
    esac
  done
  case " $(_mmbatch_auth_value_options "$cmd_path") " in
    *" $prev "*)
      local values
      values="$(_mmbatch_auth_choices "$cmd_path" "$prev")"
      if [[ "$values" == __file__ ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
      else
        COMPREPLY=($(compgen -W "$values" -- "$cur"))
      fi
      return 0
      ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_mmbatch_auth_options "$cmd_path")" -- "$cur"))
  elif [[ -n "$(_mmbatch_auth_subcommands "$cmd_path")" ]]; then
    COMPREPLY=($(compgen -W "$(_mmbatch_auth_subcommands "$cmd_path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_mmbatch_auth_arguments "$cmd_path")" -- "$cur"))
  fi
  return 0
}
complete -F _mmbatch_auth ${PROGRAM}
`;
}

export function bashScript(): string {
  return `# ${PROGRAM} completion for bash: source <(${PROGRAM} completion bash), or save it in
# /etc/bash_completion.d/ or ~/.local/share/bash-completion/completions/${PROGRAM}
${bashFunctions(nodes())}`;
}

export function zshScript(): string {
  return `#compdef ${PROGRAM}
# ${PROGRAM} completion for zsh: save it as _${PROGRAM} in a folder of $fpath, or: source <(${PROGRAM} completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashFunctions(nodes())}`;
}

export function fishScript(): string {
  const all = nodes();
  const subcommandCases = all
    .filter((node) => node.subcommands.length)
    .map((node) => `        case ${fishQuote(node.path)}\n            echo ${node.subcommands.map((sub) => sub.name).join(' ')}`)
    .join('\n');
  const lines = [
    `# ${PROGRAM} completion for fish: ${PROGRAM} completion fish > ~/.config/fish/completions/${PROGRAM}.fish`,
    `function __mmbatch_auth_subcommands\n    switch "$argv[1]"\n${subcommandCases}\n    end\nend`,
    `function __mmbatch_auth_path\n    set -l tokens (commandline -opc)\n    set -e tokens[1]\n    set -l path\n    for word in $tokens\n        if contains -- $word (string split ' ' -- (__mmbatch_auth_subcommands "$path"))\n            set path $path $word\n        end\n    end\n    echo "$path"\nend`,
    `function __mmbatch_auth_at\n    test (__mmbatch_auth_path) = "$argv[1]"\nend`,
    `complete -c ${PROGRAM} -f`,
  ];
  for (const node of all) {
    const at = `-n ${fishQuote(`__mmbatch_auth_at ${fishQuote(node.path)}`)}`;
    for (const sub of node.subcommands) lines.push(`complete -c ${PROGRAM} ${at} -a ${fishQuote(sub.name)} -d ${fishQuote(sub.description)}`);
    if (node.argumentChoices.length) lines.push(`complete -c ${PROGRAM} ${at} -a ${fishQuote(words(node.argumentChoices))}`);
    for (const option of node.options) {
      const short = option.short ? ` -s ${option.short.slice(1)}` : '';
      const value = option.value ? (option.choices ? ` -x -a ${fishQuote(words([...option.choices]))}` : option.file ? ' -r -F' : ' -x') : '';
      lines.push(`complete -c ${PROGRAM} ${at} -l ${option.flag.slice(2)}${short}${value} -d ${fishQuote(option.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
