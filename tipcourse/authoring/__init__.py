"""Authoring: text sources and their sync, hermetic and reproducible execution, the lesson
checker, release (solutions to student copies and keys), the handout, JupyterLab setup."""
