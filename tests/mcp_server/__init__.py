"""A small MCP server of the tests' own (FastMCP), over stdio or streamable HTTP."""
