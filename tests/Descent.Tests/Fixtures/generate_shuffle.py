#!/usr/bin/python3
"""Records the sample orders of PyTorch's shuffling DataLoader, epoch after epoch.

Run with Debian's python3-torch (1.13.1): /usr/bin/python3 generate_shuffle.py > shuffle.jsonl

Each case builds DataLoader(TensorDataset(torch.arange(n)), batch_size=batch_size, shuffle=True,
generator=g, drop_last=drop_last) with g = torch.Generator(); g.manual_seed(seed), iterates it fully
`epochs` times, and writes one JSON object per line:
  n          number of samples
  batch_size samples per batch
  seed       the seed of g
  drop_last  whether a last, smaller batch is left out
  orders     one list per epoch: the sample indices in the order the loader visited them
             (batches concatenated; with drop_last, the dropped samples are absent)

Per full epoch, the loader draws from g: the iterator's base seed (an int64 random_(), two 32-bit
draws), then RandomSampler's randperm(n) (n - 1 draws), then, when the exhausted sampler finishes,
a second randperm(n) sliced to nothing (another n - 1 draws). The script checks that account too.
"""
import json, torch
from torch.utils.data import DataLoader, TensorDataset

CASES = [  # n, batch_size, seed, epochs, drop_last
    (800, 32, 0, 5, False),  # the tutorial's training split
    (800, 32, 4, 3, False),
    (10, 3, 0, 6, False),
    (10, 3, 7, 4, True),
    (12, 4, 123456789, 4, False),
    (1, 1, 2, 3, False),
]


def replay(n, seed, epochs):
    """The same epochs drawn by hand from a generator, to check the account of draws above."""
    h = torch.Generator()
    h.manual_seed(seed)
    orders = []
    for _ in range(epochs):
        torch.empty((), dtype=torch.int64).random_(generator=h)
        orders.append(torch.randperm(n, generator=h).tolist())
        torch.randperm(n, generator=h)
    return orders


for n, batch_size, seed, epochs, drop_last in CASES:
    g = torch.Generator()
    g.manual_seed(seed)
    loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=batch_size, shuffle=True, generator=g, drop_last=drop_last)
    orders = [[int(i) for (batch,) in loader for i in batch] for _ in range(epochs)]
    kept = n // batch_size * batch_size if drop_last else n
    assert orders == [o[:kept] for o in replay(n, seed, epochs)], (n, batch_size, seed)
    print(json.dumps({"n": n, "batch_size": batch_size, "seed": seed, "drop_last": drop_last, "orders": orders}))
