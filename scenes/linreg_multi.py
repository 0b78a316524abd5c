# manim -pql scenes/linreg_multi.py DiabetesMulti
"""Linear regression on all ten features of the diabetes data (standardised), with 20 % of the
patients held out for validation and early stopping on the validation loss."""

from maniml.scenes import LinRegMultiScene


class DiabetesMulti(LinRegMultiScene):
    """353 training and 89 validation patients (hollow rings), mini-batch GD (16) with
    lr = 0.01 from zero weights. The predicted-vs-actual points rise from 0 onto the identity
    line's band in the first ~100 steps while the training loss falls from about 29,000
    to 3,000; then the ten bars keep adjusting (bmi and s5 grow to about +25, sex to -12). The
    validation loss stops improving by 1.0 for 5 epochs, so the run stops early at step 713
    (epoch 31 of 100): the loss panel marks the best step, 591. Last row: training loss 2876,
    validation loss 2931, R² 0.516 (training) and 0.502 (validation)."""

    settings = LinRegMultiScene.settings
