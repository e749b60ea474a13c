"""Server side of the classroom lessons: what the lesson routes share."""
