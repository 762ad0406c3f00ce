"""The only package that imports `openai`.

Importing `playground.api` itself is cheap: the SDK is imported by `client`, `chat`,
`catalog`, ... which the app loads after its first paint. `types`, `errors` (lazy) and
`capabilities` never import the SDK, so widgets can use them at startup.
"""
