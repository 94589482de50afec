#!/usr/bin/python3
"""The tutorial's SGD run (lr 0.01) with a shuffling training loader, as pinned in TrainCommandTests.

Run with Debian's python3-torch (1.13.1): /usr/bin/python3 tutorial_shuffled_sgd.py
As ../shared/bench/torch_reference.py's seed workload (data from torch.manual_seed(0), random_split 800/200,
Linear(2, 1), MSE, batches of 32, 50 epochs), but for its first model only and with
DataLoader(train, batch_size=32, shuffle=True, generator=g), g = torch.Generator(); g.manual_seed(0): what
`descent train --shuffle --optimizers "sgd(lr=0.01)"` runs. Prints the first and last epochs' mean batch
losses (train, test) as JSON.
"""
import json, torch
import torch.utils.data as data

torch.manual_seed(0)
x = torch.rand(1000, 1); y = torch.rand(1000, 1); z = x**2 + y**2 + torch.randn(1000, 1)
train, test = data.random_split(data.TensorDataset(torch.cat([x, y], 1), z), [800, 200])
g = torch.Generator(); g.manual_seed(0)
train_loader = data.DataLoader(train, batch_size=32, shuffle=True, generator=g)
test_loader = data.DataLoader(test, batch_size=32)
model = torch.nn.Linear(2, 1); optimizer = torch.optim.SGD(model.parameters(), lr=0.01); mse = torch.nn.MSELoss()
rows = []
for epoch in range(50):
    total = 0.0
    for xb, yb in train_loader:
        optimizer.zero_grad(); loss = mse(model(xb), yb); loss.backward(); optimizer.step(); total += loss.item()
    with torch.no_grad():
        test_total = sum(mse(model(xb), yb).item() for xb, yb in test_loader)
    rows.append([total / len(train_loader), test_total / len(test_loader)])
print(json.dumps({"first": rows[0], "last": rows[-1]}))
