"""The demo: the seed catalogue, published statistics (`actuals`) and, where real figures
are too sparse, illustrative series (`illustrative`), loaded by `loader`."""
