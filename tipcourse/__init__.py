"""tipcourse: the logic of the course on trafficking in persons (see docs/ARCHITECTURE.md).

Notebooks use `tipcourse.course` (questions, decision aids, submission) and `tipcourse.data`.
"""
