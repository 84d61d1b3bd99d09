namespace OffenderRisk.Assessments.Domain.Tools;

/// <summary>
/// Whole years of age on a day, in England and Wales. A person born on 29 February attains an
/// age on 1 March in a common year: comparing (month, day) pairs gives exactly that, since
/// 28 February sorts before (2, 29) and 1 March after it. Nominals' PersonAge decides the same
/// rule; both belong in Platform/Time as one class.
/// </summary>
internal static class CompletedYears
{
    public static int On(DateOnly dateOfBirth, DateOnly day)
    {
        var years = day.Year - dateOfBirth.Year;
        return (day.Month, day.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0 ? years - 1 : years;
    }
}
