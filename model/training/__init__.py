"""The offline wing: training, judging, evaluating and benchmarking the models. Serving never imports it."""
