"""Writes tiny-backbone.pt, the TorchScript picture network OwnBackboneTest opens.

DJL cannot write TorchScript (it only loads it) and CI has no Python, so the file is committed;
this script is how it was made (Debian's python3-torch 1.13):

    python3 make_tiny_backbone.py

Pictures [N, 3, 8, 8] -> Flatten -> Linear(192, 32), seeded random weights -> ReLU -> [N, 32].
"""
import torch

torch.manual_seed(7)
net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 8 * 8, 32), torch.nn.ReLU())
net.eval()
scripted = torch.jit.script(net)
scripted.save("tiny-backbone.pt")
print(scripted(torch.zeros(2, 3, 8, 8)).shape)
