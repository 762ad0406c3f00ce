"""Qt-free persistence: where files live, API keys in the OS keyring, chat history, exports."""
