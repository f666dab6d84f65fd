class PipelineError(Exception):
    """A document the pipeline cannot turn into an article; the message is one line for the user."""
