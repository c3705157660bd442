"""Energy cost of walking and running: ACSM metabolic equations and Minetti's cost of transport.

Sources:
- ACSM's Guidelines for Exercise Testing and Prescription (10th ed., Table 6.3): VO2 in ml·kg⁻¹·min⁻¹,
  speed S in m/min, grade G as a fraction. Walking 0.1·S + 1.8·S·G + 3.5 (valid about 50-100 m/min);
  running 0.2·S + 0.9·S·G + 3.5 (above about 134 m/min); stepping 0.2·f + 1.33·1.8·H·f + 3.5
  (f steps/min, H step height m). kcal ≈ 5 per litre of O2. The equations are for level and uphill
  work; downhill grades are taken as level (the grade term is not used below 0), as ACSM advises.
- Minetti AE, Moia C, Roi GS, Susta D, Ferretti G. Energy cost of walking and running at extreme uphill
  and downhill slopes. J Appl Physiol 2002;93:1039-1046. Cost per metre (J·kg⁻¹·m⁻¹), gradient i as a
  fraction, fitted for -0.45..+0.45. Grade-adjusted speed is the level speed with the same metabolic
  power, v·C(i)/C(0), with C(0) taken from the same polynomial (2.5 walking, 3.6 running), not the
  paper's measured level values, so that a level track has a factor of exactly 1.
"""

from __future__ import annotations

import numpy as np

from calfcoach.activities.model import FloatArray

KCAL_PER_LITRE_O2 = 5.0
ML_PER_MET = 3.5
MINETTI_GRADE_LIMIT = 0.45
_WALK = (280.5, -58.7, -76.8, 51.9, 19.6, 2.5)  # Minetti 2002 Cw(i), highest power first
_RUN = (155.4, -30.4, -43.3, 46.3, 19.5, 3.6)  # Minetti 2002 Cr(i)


def minetti_cost(grade: FloatArray | float, *, running: bool) -> FloatArray:
    """Return the energy cost of transport in J·kg⁻¹·m⁻¹ at a gradient (fraction), clipped to ±0.45."""
    i = np.clip(np.asarray(grade, dtype=np.float64), -MINETTI_GRADE_LIMIT, MINETTI_GRADE_LIMIT)
    return np.asarray(np.polyval(_RUN if running else _WALK, i), dtype=np.float64)


def grade_factor(grade: FloatArray | float, *, running: bool) -> FloatArray:
    """Return C(i)/C(0): how much further a metre at this gradient counts on the level."""
    level = _RUN[-1] if running else _WALK[-1]
    return minetti_cost(grade, running=running) / level


def acsm_walking_vo2(speed_m_per_min: FloatArray | float, grade: FloatArray | float) -> FloatArray:
    """Return walking VO2 (ml·kg⁻¹·min⁻¹) by the ACSM equation; negative grades count as level."""
    s = np.asarray(speed_m_per_min, dtype=np.float64)
    g = np.maximum(np.asarray(grade, dtype=np.float64), 0.0)
    return 0.1 * s + 1.8 * s * g + ML_PER_MET


def acsm_running_vo2(speed_m_per_min: FloatArray | float, grade: FloatArray | float) -> FloatArray:
    """Return running VO2 (ml·kg⁻¹·min⁻¹) by the ACSM equation; negative grades count as level."""
    s = np.asarray(speed_m_per_min, dtype=np.float64)
    g = np.maximum(np.asarray(grade, dtype=np.float64), 0.0)
    return 0.2 * s + 0.9 * s * g + ML_PER_MET


def acsm_stepping_vo2(steps_per_min: float, step_height_m: float) -> float:
    """Return stepping VO2 (ml·kg⁻¹·min⁻¹) by the ACSM equation."""
    return 0.2 * steps_per_min + 1.33 * 1.8 * step_height_m * steps_per_min + ML_PER_MET


def kcal_per_kg(vo2_ml_per_kg_min: FloatArray | float, minutes: FloatArray | float) -> float:
    """Return energy in kcal per kg of body mass for a VO2 held for some minutes."""
    litres = np.asarray(vo2_ml_per_kg_min, dtype=np.float64) * np.asarray(minutes, dtype=np.float64) / 1000.0
    return float(np.sum(litres) * KCAL_PER_LITRE_O2)
