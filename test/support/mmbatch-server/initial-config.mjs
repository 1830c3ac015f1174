// A realistic starting configuration, with enough sections and types that a test can prove none is lost.

/** @returns {Record<string, any>} a fresh, deep, mutable config object (GET /api/v1/config shape) */
export function initialConfig() {
  return {
    addr: '0.0.0.0:8081',
    id: 'mmb-5f3c2a9e',
    dataDir: '/opt/memverge/mmbatch/data',
    security: {
      certFile: '/opt/memverge/mmbatch/etc/tls/server.crt',
      keyFile: '/opt/memverge/mmbatch/etc/tls/server.key',
      cognito: {
        enabled: false,
        region: '',
        userPoolID: '',
        identityPoolID: '',
        clientID: '',
        adminGroups: [],
      },
    },
    ckpt: {
      mode: 'iterative',
      interval: '15m',
      rootPath: '/mmc-checkpoint',
      retention: 3,
      compress: true,
    },
    node: {
      ttl: '10m',
      heartbeatInterval: '30s',
      maxIdle: '5m',
      labels: { team: 'genomics', env: 'dev' },
    },
    job: {
      maxRetries: 2,
      timeout: '24h',
      queues: ['default', 'spot'],
      spotFallback: true,
    },
    db: {
      driver: 'sqlite',
      path: '/opt/memverge/mmbatch/data/mmbatch.db',
    },
    log: {
      level: 'info',
      format: 'text',
      file: '/var/log/memverge/mmbatch-server.log',
      maxSizeMB: 100,
      maxBackups: 5,
    },
  };
}
