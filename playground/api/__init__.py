"""The only package that imports `openai`.

Importing `playground.api` itself is cheap: the SDK is imported by `client`, `chat`,
`catalog`, `errors`, ... which the app loads after its first paint. `types`, `environment`,
`capabilities`, `chat_params`, `ratelimits` and `retry` never import the SDK, so widgets
can use them at startup.
"""
