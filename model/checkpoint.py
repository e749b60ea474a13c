"""Checkpoints are safetensors only (no pickle), stored in fp16, with the config in the file's metadata."""

import json
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import save_file
from torch import nn


def save_checkpoint(
    path: str | Path, module: nn.Module, kind: str, config: dict, dtype: torch.dtype = torch.float16
) -> None:
    """Write a module's weights (cast to `dtype`) with {kind, config} metadata, atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {
        k: v.detach().to("cpu", dtype if v.is_floating_point() else v.dtype).contiguous()
        for k, v in module.state_dict().items()
    }
    save_tensors(path, tensors, metadata={"kind": kind, "config": json.dumps(config, sort_keys=True)})


def save_tensors(path: Path, tensors: dict[str, torch.Tensor], metadata: dict[str, str] | None = None) -> None:
    """Write to a temporary name, then swap: a reader, or a run stopped mid-write, sees the last whole file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    save_file(tensors, str(tmp), metadata=metadata)
    tmp.replace(path)


def read_metadata(path: str | Path) -> tuple[str, dict]:
    """(kind, config) stored in a checkpoint, so it loads by path without guessing."""
    with safe_open(str(path), framework="pt") as f:
        metadata = f.metadata() or {}
    if "kind" not in metadata or "config" not in metadata:
        raise ValueError(f"{path} is not a Dust to Detail checkpoint: it carries no kind/config metadata")
    return metadata["kind"], json.loads(metadata["config"])


def load_state_dict(path: str | Path, module: nn.Module) -> dict[str, torch.Tensor]:
    """Read weights for `module`, cast to its dtypes, with a clear error when names or shapes differ."""
    path = Path(path)
    if path.suffix != ".safetensors":
        raise ValueError(f"{path}: only .safetensors weights are loaded (pickle files can run code)")
    expected = module.state_dict()
    with safe_open(str(path), framework="pt") as f:
        state = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118 (safe_open is not a dict)
    missing = sorted(expected.keys() - state.keys())
    unexpected = sorted(state.keys() - expected.keys())
    wrong = [
        f"{k}: file {tuple(state[k].shape)} vs model {tuple(v.shape)}"
        for k, v in expected.items()
        if k in state and state[k].shape != v.shape
    ]
    if missing or unexpected or wrong:
        problems = [
            f"missing {missing[:5]}" if missing else "",
            f"unexpected {unexpected[:5]}" if unexpected else "",
            f"wrong shapes {wrong[:5]}" if wrong else "",
        ]
        raise ValueError(f"{path} does not fit this model: " + "; ".join(p for p in problems if p))
    return {k: state[k].to(v.dtype) for k, v in expected.items()}
