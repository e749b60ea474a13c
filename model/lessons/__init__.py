"""Model-side computations behind the classroom lessons, built only on the public diffusion pieces."""
