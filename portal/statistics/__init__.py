"""The public statistics (/thong-ke/) and the coverage tracker (/thong-ke/bao-phu/)."""
