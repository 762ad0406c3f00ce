"""Qt-free token counting, pricing, the usage ledger and budgets."""
