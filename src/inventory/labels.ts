// What each resource is called in output for people (status, teardown).
import type { ResourceKind } from '../resources/plan.js';

export const RESOURCE_LABEL: Record<ResourceKind, string> = {
  userPool: 'user pool',
  appClient: 'app client',
  adminGroup: 'admin group',
  adminUser: 'admin user',
  identityPool: 'identity pool',
  iamRole: 'IAM role',
  identityPoolRoles: 'identity pool roles',
  server: 'MMBatch server',
};
