#!/usr/bin/python3
"""Writes the Joe & Kuo (2008) direction numbers used by SobolSequence, in their published format.

Source data: S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional
projections", SIAM J. Sci. Comput. 30(5):2635-2654, 2008; file new-joe-kuo-6.21201 from
https://web.maths.unsw.edu.au/~fkuo/sobol/ (BSD-style licence, reproduced in the output header).
Here the numbers are read from the copy SciPy ships (scipy/stats/_sobol_direction_numbers.npz:
'poly' holds each primitive polynomial with its leading and constant bits, 'vinit' the initial
m_i), and written back as the published lines "d s a m_1 ... m_s". The first published rows
(2 1 0 1 / 3 2 1 1 3 / 4 3 1 1 3 1 / 5 3 2 1 1 1 / 6 4 1 1 1 3 3) are asserted below.

Usage: /usr/bin/python3 sobol_direction_numbers.py DIMENSIONS OUTPUT
"""
import os
import sys

import numpy as np
import scipy.stats

dims = int(sys.argv[1])
out = sys.argv[2]
data = np.load(os.path.join(os.path.dirname(scipy.stats.__file__), "_sobol_direction_numbers.npz"))
poly, vinit = data["poly"], data["vinit"]

lines = []
for j in range(1, dims):  # row 0 is the van der Corput dimension, implicit in the published file
    p = int(poly[j])
    s = p.bit_length() - 1               # degree of the primitive polynomial
    a = (p >> 1) & ((1 << (s - 1)) - 1)  # its interior coefficients, the published 'a'
    m = [int(v) for v in vinit[j, :s]]
    lines.append("%d %d %d %s" % (j + 1, s, a, " ".join(str(v) for v in m)))

assert lines[:5] == ["2 1 0 1", "3 2 1 1 3", "4 3 1 1 3 1", "5 3 2 1 1 1", "6 4 1 1 1 3 3"], lines[:5]

header = """# Sobol direction numbers: the first %d dimensions of new-joe-kuo-6.21201,
# S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
# SIAM J. Sci. Comput. 30(5):2635-2654, 2008. https://web.maths.unsw.edu.au/~fkuo/sobol/
# Written by src/test/resources/reference/sobol_direction_numbers.py from the copy SciPy ships.
#
# Copyright (c) 2008, Frances Y. Kuo and Stephen Joe. All rights reserved.
# Redistribution and use in source and binary forms, with or without modification, are permitted
# provided that the following conditions are met:
#  * Redistributions of source code must retain the above copyright notice, this list of
#    conditions and the following disclaimer.
#  * Redistributions in binary form must reproduce the above copyright notice, this list of
#    conditions and the following disclaimer in the documentation and/or other materials provided
#    with the distribution.
#  * Neither the names of the copyright holders nor the names of the University of New South Wales
#    and the University of Waikato and its contributors may be used to endorse or promote products
#    derived from this software without specific prior written permission.
# THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES,
# INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A
# PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE LIABLE FOR ANY
# DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
# LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR
# BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
# LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
# SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
#
# Columns: d (dimension, 1-based; dimension 1 is van der Corput and not listed), s (degree of the
# primitive polynomial), a (its interior coefficients as bits), m_1 .. m_s (initial direction numbers).
d s a m_i
""" % dims
with open(out, "w") as f:
    f.write(header)
    f.write("\n".join(lines))
    f.write("\n")
