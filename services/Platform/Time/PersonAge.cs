namespace OffenderRisk.Platform.Time;

/// <summary>
/// A person's age in whole years, as England and Wales count it: the one age rule of the suite
/// (notification's under-18 test, R-NT1; the actuarial tools' ages, R-AS2). A person born on
/// 29 February attains an age on 1 March in a common year: comparing (month, day) pairs gives
/// exactly that, since 28 February sorts before (2, 29) and 1 March after it.
/// </summary>
public static class PersonAge
{
    /// <summary>Completed years on <paramref name="day"/>.</summary>
    public static int On(DateOnly dateOfBirth, DateOnly day)
    {
        var years = day.Year - dateOfBirth.Year;
        return (day.Month, day.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0 ? years - 1 : years;
    }

    /// <summary>Under 18 on <paramref name="day"/>: false on the 18th birthday itself.</summary>
    public static bool IsUnder18On(DateOnly dateOfBirth, DateOnly day) => On(dateOfBirth, day) < 18;
}
