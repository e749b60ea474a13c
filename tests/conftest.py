"""Suite-wide settings."""

import torch

# The test models are tiny: a second thread buys nothing, and when the browser, the live server and
# the tests share two cores, OpenMP threads waiting on each other can make a step 20× slower.
torch.set_num_threads(1)
