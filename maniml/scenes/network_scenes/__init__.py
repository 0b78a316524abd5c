"""The network templates (a neural network trained from scratch, as in TensorFlow Playground):
``settings.py`` (:class:`NetworkSettings`, the data sets), ``panels.py`` (the regions image,
the 1-D prediction, the network diagram, the key), ``scene.py`` (:class:`NetworkScene` and the
ready classification and regression templates)."""

from __future__ import annotations

from .panels import (
    CurvePanel,
    NetworkDiagram,
    RegionsPanel,
    class_colors,
    class_key,
    forward,
    sign_key,
)
from .scene import NetworkScene, NNClassificationScene, NNRegressionScene
from .settings import NETWORK_DATASETS, NetworkData, NetworkSettings, resolve_network_data

__all__ = [
    "NETWORK_DATASETS",
    "CurvePanel",
    "NNClassificationScene",
    "NNRegressionScene",
    "NetworkData",
    "NetworkDiagram",
    "NetworkScene",
    "NetworkSettings",
    "RegionsPanel",
    "class_colors",
    "class_key",
    "forward",
    "resolve_network_data",
    "sign_key",
]
