// The tests' own SDK clients would print the SDK's Node-version notice; the CLI silences it too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
