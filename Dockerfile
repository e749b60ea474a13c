# CPU by default. For an NVIDIA GPU, build with a CUDA base:
#   docker build --build-arg BASE_IMAGE=nvidia/cuda:12.6.3-runtime-ubuntu24.04 -t dust-to-detail:cuda .
# (Ubuntu 24.04 ships Python 3.12; the project needs 3.11 or newer, so 22.04's 3.10 won't do.)
# and run with `docker run --gpus all -p 8000:8000 dust-to-detail:cuda` (DUST_DEVICE=auto picks the GPU).
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}
# The CUDA images' Python belongs to the system (PEP 668); this container is the app's alone.
ENV PIP_BREAK_SYSTEM_PACKAGES=1

RUN if ! command -v pip >/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends python3 python3-pip && \
        ln -sf /usr/bin/python3 /usr/local/bin/python && rm -rf /var/lib/apt/lists/*; \
    fi

WORKDIR /srv/dust-to-detail
COPY pyproject.toml README.md ./
COPY model ./model
COPY app ./app
COPY templates ./templates
COPY static ./static
# A plain install: the page (templates/, static/) and the weights ship inside the packages.
RUN pip install --no-cache-dir .

ENV DUST_HOST=0.0.0.0 \
    DUST_PORT=8000 \
    DUST_DEVICE=auto
EXPOSE 8000
CMD ["dust-to-detail"]
