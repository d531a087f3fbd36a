"""`make bench`: notebooks against a bare kernel, the explorer's update time, grading speed."""
