#!/usr/bin/python3
"""The tutorial's training run with learning-rate schedulers and gradient clipping, as pinned in TrainerTests.

Run with Debian's python3-torch (1.13.1): /usr/bin/python3 tutorial_scheduled.py > tutorial-scheduled.json
As ../shared/bench/torch_reference.py's seed workload (data from torch.manual_seed(0), random_split 800/200,
Linear(2, 1) with the first model's initial weights, MSE, batches of 32 in order, 50 epochs), once per run below:
what `descent train --optimizers SPEC --scheduler SPEC [--scheduler-interval step] [--clip-grad-norm ...]` runs.
Records each epoch's mean batch losses (train, test) and the learning rate the epoch started with.
"""
import json, math, torch
import torch.utils.data as data
from torch.optim import lr_scheduler as S

RUNS = [
    # (name, optimizer, scheduler, interval, clipping)
    ("warmup-cosine-adam", lambda p: torch.optim.Adam(p, lr=0.01),
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5), S.CosineAnnealingLR(o, T_max=45)], milestones=[5]), "epoch", None),
    ("one-cycle-momentum-clipped", lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
     lambda o: S.OneCycleLR(o, max_lr=0.05, epochs=50, steps_per_epoch=25), "step", ("norm", 1.0, 2.0)),
    ("plateau-sgd", lambda p: torch.optim.SGD(p, lr=0.05),
     lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=2), "epoch", None),
    ("step-rmsprop-value-clipped", lambda p: torch.optim.RMSprop(p, lr=0.01),
     lambda o: S.StepLR(o, step_size=10, gamma=0.5), "epoch", ("value", 0.5)),
]

def run(make_optimizer, make_scheduler, interval, clipping):
    torch.manual_seed(0)
    x = torch.rand(1000, 1); y = torch.rand(1000, 1); z = x**2 + y**2 + torch.randn(1000, 1)
    train, test = data.random_split(data.TensorDataset(torch.cat([x, y], 1), z), [800, 200])
    train_loader = data.DataLoader(train, batch_size=32)
    test_loader = data.DataLoader(test, batch_size=32)
    model = torch.nn.Linear(2, 1); mse = torch.nn.MSELoss()
    optimizer = make_optimizer(model.parameters()); scheduler = make_scheduler(optimizer)
    rows = []
    for epoch in range(50):
        lr = optimizer.param_groups[0]["lr"]
        total = 0.0
        for xb, yb in train_loader:
            optimizer.zero_grad(); loss = mse(model(xb), yb); loss.backward()
            if clipping and clipping[0] == "norm": torch.nn.utils.clip_grad_norm_(model.parameters(), clipping[1], clipping[2])
            if clipping and clipping[0] == "value": torch.nn.utils.clip_grad_value_(model.parameters(), clipping[1])
            optimizer.step(); total += loss.item()
            if interval == "step": scheduler.step()
        with torch.no_grad():
            test_total = sum(mse(model(xb), yb).item() for xb, yb in test_loader)
        test_loss = test_total / len(test_loader)
        if interval == "epoch":
            if isinstance(scheduler, S.ReduceLROnPlateau): scheduler.step(test_loss)
            else: scheduler.step()
        rows.append([total / len(train_loader), test_loss, lr])
    return rows

print(json.dumps({name: run(o, s, i, c) for name, o, s, i, c in RUNS}))
