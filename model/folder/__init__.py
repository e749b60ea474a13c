"""A Stable Diffusion folder, as diffusers saves it, served as one more team driven by our samplers and guidance.

`check.py` refuses what we cannot serve before any weights load, `schedule.py` reads its noise schedule in our
words, `text.py`, `diffusers_unet.py` and `vae.py` put its CLIP text model, U-Net and VAE behind our interfaces,
and `loading.py` builds the `Pipeline`. diffusers and transformers (the `sd` extra) are imported inside
functions only, so an app serving our own weights never imports them.
"""
