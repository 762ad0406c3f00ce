"""Plain types every layer shares (profiles, chat messages, stream events, failures, what a
model can do). Imports nothing from the rest of the app, and nothing from Qt or the SDK."""
