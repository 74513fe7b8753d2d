namespace EDoc.Registers.Calendar.Internal;

/// <summary>
/// The few astronomical quantities the Vietnamese lunar calendar needs, written from the algorithms published in
/// Jean Meeus, <i>Astronomical Algorithms</i> (2nd ed., 1998): true new moons (chapter 49, with the periodic and the
/// planetary terms), the Sun's apparent longitude (chapter 25, low-accuracy method, about 0.01°) and ΔT = TT − UT
/// (the Espenak–Meeus polynomial expressions, NASA Five Millennium Canon, 2006).
/// </summary>
internal static class MeeusAstronomy
{
    /// <summary>Julian day number of 0001-01-01 (proleptic Gregorian), so that JDN = DayNumber + this.</summary>
    public const int JulianDayOfDayNumberZero = 1721426;

    /// <summary>Mean synodic month in days (Meeus ch. 49).</summary>
    public const double SynodicMonth = 29.530588861;

    private const double NewMoonEpoch = 2451550.09766;
    private const double J2000 = 2451545.0;

    /// <summary>The Julian Ephemeris Day (TT) of the true new moon of lunation <paramref name="k"/> (k = 0 on 2000-01-06).</summary>
    /// <param name="k">The lunation number, an integer for new moons.</param>
    /// <returns>The instant of the new moon as a JDE.</returns>
    public static double TrueNewMoon(int k)
    {
        double kk = k;
        double t = kk / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;

        // (49.1) mean phase.
        double jde = NewMoonEpoch + (SynodicMonth * kk) + (0.00015437 * t2) - (0.000000150 * t3) + (0.00000000073 * t4);

        // (47.6) eccentricity of the Earth's orbit.
        double e = 1 - (0.002516 * t) - (0.0000074 * t2);

        // (49.4)–(49.7) Sun's mean anomaly, Moon's mean anomaly, Moon's argument of latitude, ascending node.
        double m = Radians(2.5534 + (29.10535670 * kk) - (0.0000014 * t2) - (0.00000011 * t3));
        double mp = Radians(201.5643 + (385.81693528 * kk) + (0.0107582 * t2) + (0.00001238 * t3) - (0.000000058 * t4));
        double f = Radians(160.7108 + (390.67050284 * kk) - (0.0016118 * t2) - (0.00000227 * t3) + (0.000000011 * t4));
        double omega = Radians(124.7746 - (1.56375588 * kk) + (0.0020672 * t2) + (0.00000215 * t3));

        // Periodic terms for the new moon.
        double correction =
            (-0.40720 * Math.Sin(mp))
            + (0.17241 * e * Math.Sin(m))
            + (0.01608 * Math.Sin(2 * mp))
            + (0.01039 * Math.Sin(2 * f))
            + (0.00739 * e * Math.Sin(mp - m))
            - (0.00514 * e * Math.Sin(mp + m))
            + (0.00208 * e * e * Math.Sin(2 * m))
            - (0.00111 * Math.Sin(mp - (2 * f)))
            - (0.00057 * Math.Sin(mp + (2 * f)))
            + (0.00056 * e * Math.Sin((2 * mp) + m))
            - (0.00042 * Math.Sin(3 * mp))
            + (0.00042 * e * Math.Sin(m + (2 * f)))
            + (0.00038 * e * Math.Sin(m - (2 * f)))
            - (0.00024 * e * Math.Sin((2 * mp) - m))
            - (0.00017 * Math.Sin(omega))
            - (0.00007 * Math.Sin(mp + (2 * m)))
            + (0.00004 * Math.Sin((2 * mp) - (2 * f)))
            + (0.00004 * Math.Sin(3 * m))
            + (0.00003 * Math.Sin(mp + m - (2 * f)))
            + (0.00003 * Math.Sin((2 * mp) + (2 * f)))
            - (0.00003 * Math.Sin(mp + m + (2 * f)))
            + (0.00003 * Math.Sin(mp - m + (2 * f)))
            - (0.00002 * Math.Sin(mp - m - (2 * f)))
            - (0.00002 * Math.Sin((3 * mp) + m))
            + (0.00002 * Math.Sin(4 * mp));

        // Additional corrections from the planetary arguments A1..A14.
        double planetary =
            (0.000325 * Math.Sin(Radians(299.77 + (0.107408 * kk) - (0.009173 * t2))))
            + (0.000165 * Math.Sin(Radians(251.88 + (0.016321 * kk))))
            + (0.000164 * Math.Sin(Radians(251.83 + (26.651886 * kk))))
            + (0.000126 * Math.Sin(Radians(349.42 + (36.412478 * kk))))
            + (0.000110 * Math.Sin(Radians(84.66 + (18.206239 * kk))))
            + (0.000062 * Math.Sin(Radians(141.74 + (53.303771 * kk))))
            + (0.000060 * Math.Sin(Radians(207.14 + (2.453732 * kk))))
            + (0.000056 * Math.Sin(Radians(154.84 + (7.306860 * kk))))
            + (0.000047 * Math.Sin(Radians(34.52 + (27.261239 * kk))))
            + (0.000042 * Math.Sin(Radians(207.19 + (0.121824 * kk))))
            + (0.000040 * Math.Sin(Radians(291.34 + (1.844379 * kk))))
            + (0.000037 * Math.Sin(Radians(161.72 + (24.198154 * kk))))
            + (0.000035 * Math.Sin(Radians(239.56 + (25.513099 * kk))))
            + (0.000023 * Math.Sin(Radians(331.55 + (3.592518 * kk))));

        return jde + correction + planetary;
    }

    /// <summary>An estimate of the lunation number whose new moon is near <paramref name="jd"/>.</summary>
    /// <param name="jd">A Julian day.</param>
    /// <returns>The lunation whose mean new moon is the last one at or before <paramref name="jd"/>.</returns>
    public static int LunationAtOrBefore(double jd) => (int)Math.Floor((jd - NewMoonEpoch) / SynodicMonth);

    /// <summary>The Sun's apparent geocentric longitude in degrees [0, 360) at the given JDE (Meeus ch. 25, low accuracy).</summary>
    /// <param name="jde">A Julian Ephemeris Day.</param>
    /// <returns>The apparent longitude, referred to the true equinox of the date.</returns>
    public static double SunApparentLongitude(double jde)
    {
        double t = (jde - J2000) / 36525.0;
        double t2 = t * t;

        // (25.2) geometric mean longitude, (25.3) mean anomaly.
        double l0 = 280.46646 + (36000.76983 * t) + (0.0003032 * t2);
        double m = Radians(357.52911 + (35999.05029 * t) - (0.0001537 * t2));

        // Equation of the centre.
        double c = ((1.914602 - (0.004817 * t) - (0.000014 * t2)) * Math.Sin(m))
            + ((0.019993 - (0.000101 * t)) * Math.Sin(2 * m))
            + (0.000289 * Math.Sin(3 * m));
        double trueLongitude = l0 + c;

        // Nutation and aberration, approximated as in the low-accuracy method.
        double omega = Radians(125.04 - (1934.136 * t));
        double apparent = trueLongitude - 0.00569 - (0.00478 * Math.Sin(omega));
        return Normalize(apparent);
    }

    /// <summary>The instant (JDE) the Sun's apparent longitude reaches <paramref name="longitude"/>, near <paramref name="estimate"/>.</summary>
    /// <param name="longitude">Target longitude in degrees, a multiple of 15 for solar terms (tiết khí).</param>
    /// <param name="estimate">A JDE within a few days of the answer.</param>
    /// <returns>The JDE of the solar term.</returns>
    public static double SolarLongitudeTime(double longitude, double estimate)
    {
        double jde = estimate;
        for (int i = 0; i < 20; i++)
        {
            double delta = Normalize(longitude - SunApparentLongitude(jde) + 180) - 180;
            if (Math.Abs(delta) < 1e-7)
            {
                break;
            }

            // The Sun moves about 360/365.2422 degrees a day; Newton's step converges in a few iterations.
            jde += delta * 365.2422 / 360.0;
        }

        return jde;
    }

    /// <summary>ΔT = TT − UT in seconds for a decimal year (Espenak–Meeus polynomials, valid 1860–2200 here).</summary>
    /// <param name="year">A decimal year, e.g. 2026.5.</param>
    /// <returns>ΔT in seconds.</returns>
    public static double DeltaTSeconds(double year)
    {
        double t;
        if (year < 1900)
        {
            t = year - 1860;
            return 7.62 + (0.5737 * t) - (0.251754 * t * t) + (0.01680668 * t * t * t)
                - (0.0004473624 * Math.Pow(t, 4)) + (Math.Pow(t, 5) / 233174);
        }

        if (year < 1920)
        {
            t = year - 1900;
            return -2.79 + (1.494119 * t) - (0.0598939 * t * t) + (0.0061966 * t * t * t) - (0.000197 * Math.Pow(t, 4));
        }

        if (year < 1941)
        {
            t = year - 1920;
            return 21.20 + (0.84493 * t) - (0.076100 * t * t) + (0.0020936 * t * t * t);
        }

        if (year < 1961)
        {
            t = year - 1950;
            return 29.07 + (0.407 * t) - (t * t / 233) + (t * t * t / 2547);
        }

        if (year < 1986)
        {
            t = year - 1975;
            return 45.45 + (1.067 * t) - (t * t / 260) - (t * t * t / 718);
        }

        if (year < 2005)
        {
            t = year - 2000;
            return 63.86 + (0.3345 * t) - (0.060374 * t * t) + (0.0017275 * t * t * t)
                + (0.000651814 * Math.Pow(t, 4)) + (0.00002373599 * Math.Pow(t, 5));
        }

        if (year < 2050)
        {
            t = year - 2000;
            return 62.92 + (0.32217 * t) + (0.005589 * t * t);
        }

        double u = (year - 1820) / 100;
        if (year < 2150)
        {
            return -20 + (32 * u * u) - (0.5628 * (2150 - year));
        }

        return -20 + (32 * u * u);
    }

    /// <summary>The civil date (as a DateOnly day number) at a fixed UTC offset of an instant given as a JDE.</summary>
    /// <param name="jde">The instant in Terrestrial Time.</param>
    /// <param name="utcOffsetHours">The offset of the civil time, 7 for Vietnam.</param>
    /// <returns>The <see cref="DateOnly.DayNumber"/> of the local date.</returns>
    public static int LocalDayNumber(double jde, double utcOffsetHours)
    {
        double decimalYear = 2000 + ((jde - J2000) / 365.25);
        double jdUt = jde - (DeltaTSeconds(decimalYear) / 86400.0);
        return (int)Math.Floor(jdUt + 0.5 + (utcOffsetHours / 24.0)) - JulianDayOfDayNumberZero;
    }

    /// <summary>The Julian day (UT) at 00:00 UT of a date given as a DateOnly day number.</summary>
    /// <param name="dayNumber">A <see cref="DateOnly.DayNumber"/>.</param>
    /// <returns>The Julian day at the start of that date in UT.</returns>
    public static double JulianDayAtMidnight(int dayNumber) => dayNumber + JulianDayOfDayNumberZero - 0.5;

    private static double Radians(double degrees) => (degrees % 360.0) * Math.PI / 180.0;

    private static double Normalize(double degrees)
    {
        double r = degrees % 360.0;
        return r < 0 ? r + 360.0 : r;
    }
}
