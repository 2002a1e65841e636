"""Deep-learning sizing: is the rest of the machine in proportion to its GPUs?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Item, LoadedBuild
from .memory import agree, total_gb
from .registry import Issue, NotApplicable, Source, count, names, need, note, num, ok, one, rule, some, warning

PUGET = Source(
    "Puget Systems, Hardware Recommendations for Machine Learning / AI",
    "https://www.pugetsystems.com/solutions/ai-and-hpc-workstations/machine-learning-ai/hardware-recommendations/",
)
THREADS_PER_GPU = 4
LANES_PER_GPU, LANES_PER_M2 = 16, 4


def gpus_for_training(build: LoadedBuild) -> list[Item]:
    """These rules of thumb are for training machines: they apply when the build's `use` says so, never by
    guessing from its free-text purpose (a gaming build once got deep-learning notes)."""
    if "machine learning" not in build.build.use:
        raise NotApplicable("not a machine-learning build")
    return some(build, "gpu")


@rule("dl-system-ram", "System memory at least twice the total GPU memory", PUGET)
def dl_system_ram(build: LoadedBuild) -> Iterator[Issue]:
    gpus, kits = gpus_for_training(build), some(build, "memory")
    vram = sum(need(g, "vram_gb") * g.item.quantity for g in gpus)
    ram = total_gb(kits)
    if ram < 2 * vram:
        yield warning(
            f"{names(kits)} give {ram} GB of system memory for {vram} GB of GPU memory on {names(gpus)}: "
            f"under the {2 * vram} GB (twice the GPU memory) recommended so the system can hold and stage "
            "everything the cards work on without swapping.",
            *kits,
            *gpus,
        )
    else:
        yield ok(
            f"{names(kits)} {agree(kits, 'gives', 'give')} {num(ram)} GB of system memory for {num(vram)} GB of GPU "
            f"memory on {names(gpus)}, at least the {num(2 * vram)} GB (twice the GPU memory) recommended."
        )


@rule("dl-cpu-threads", "At least 4 CPU threads per GPU", PUGET)
def dl_cpu_threads(build: LoadedBuild) -> Iterator[Issue]:
    gpus, cpu = gpus_for_training(build), one(build, "cpu")
    threads, cards = need(cpu, "threads"), count(gpus)
    if threads < THREADS_PER_GPU * cards:
        yield warning(
            f"{cpu.name} has {threads} threads for {names(gpus)}: under the {THREADS_PER_GPU * cards} "
            f"({THREADS_PER_GPU} per GPU) needed to keep data loading and preprocessing ahead of the cards.",
            cpu,
            *gpus,
        )
    else:
        yield ok(
            f"{cpu.name} has {threads} threads for {names(gpus)}, at least the {THREADS_PER_GPU * cards} "
            f"({THREADS_PER_GPU} per GPU) needed to keep data loading ahead of the cards."
        )


@rule("dl-pcie-lanes", "CPU PCIe lanes for the GPUs and M.2 drives")
def dl_pcie_lanes(build: LoadedBuild) -> Iterator[Issue]:
    gpus, cpu = gpus_for_training(build), one(build, "cpu")
    lanes = need(cpu, "pcie_lanes")
    drives = [d for d in build.by_role("storage") if need(d, "form_factor").startswith("M.2")]
    wanted = LANES_PER_GPU * count(gpus) + LANES_PER_M2 * count(drives)
    parts = f"{names(gpus + drives)} would use {wanted} lanes (x{LANES_PER_GPU} per card, x{LANES_PER_M2} per drive)"
    if wanted <= lanes:
        yield note(f"{parts}; {cpu.name} provides {lanes}, so every card can run at x16.", cpu, *gpus, *drives)
    else:
        yield note(
            f"{parts}, but {cpu.name} provides {lanes}: some cards run at x8 (or drives hang off the chipset), "
            "which costs little for training on one machine but slows transfers between cards.",
            cpu,
            *gpus,
            *drives,
        )
