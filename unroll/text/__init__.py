"""Rules about thread text that more than one stage needs: asides' brackets, speaker labels,
X's weighted length and leaked HTML entities. They import no stage, so any stage may use them."""
