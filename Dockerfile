# CPU by default. For an NVIDIA GPU, build with a CUDA base:
#   docker build --build-arg BASE_IMAGE=nvidia/cuda:12.4.1-runtime-ubuntu22.04 -t dust-to-detail:cuda .
# and run with `docker run --gpus all -p 8000:8000 dust-to-detail:cuda` (DUST_DEVICE=auto picks the GPU).
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

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
# Editable, so the app finds templates/ and static/ beside its package.
RUN pip install --no-cache-dir -e .

ENV DUST_HOST=0.0.0.0 \
    DUST_PORT=8000 \
    DUST_DEVICE=auto
EXPOSE 8000
CMD ["dust-to-detail"]
