// The regions the wizard offers: where Amazon Cognito user pools and identity pools are both
// available (commercial partition). Another region can still be given with --region or AWS_REGION.
export const COGNITO_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-south-1', 'ap-south-2',
  'sa-east-1', 'me-south-1', 'me-central-1', 'il-central-1', 'af-south-1',
] as const;
