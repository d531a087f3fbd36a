"""The question kit: the schema and checking of questions, the lesson banks and exercise
outlines, the answers store, the question widget, and submitting an exercise."""
