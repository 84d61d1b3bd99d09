namespace OffenderRisk.Assessments.Domain.Tools;

/// <summary>
/// The structured inputs both OSP tools are computed from (R-AS2, TOOLS.md). Dates are England
/// and Wales local dates; a missing date is null and refused, never defaulted. The four sexual
/// counts are disjoint kinds; <see cref="TotalSanctions"/> counts sanctions of every kind,
/// sexual ones included.
/// </summary>
public sealed record OspInputs(
    DateOnly? DateOfBirth,
    Gender Gender,
    DateOnly? FollowUpStartDate,
    int ContactAdultSanctions,
    int ContactChildSanctions,
    int NonContactSanctions,
    int IndecentImageSanctions,
    int TotalSanctions,
    DateOnly? LastSexualSanctionDate,
    StrangerVictim StrangerVictim)
{
    public const string RuleId = "R-AS2";

    /// <summary>No count may exceed this: a bound on hostile input, far above any real history.</summary>
    public const int MaxCount = 500;

    /// <summary>No one under this age can be convicted or cautioned in England and Wales (age of criminal responsibility).</summary>
    public const int AgeOfCriminalResponsibility = 10;

    // The field names a contract for these inputs should use: problems name them under a prefix.
    public const string DateOfBirthField = "date_of_birth";
    public const string GenderField = "gender";
    public const string FollowUpStartDateField = "follow_up_start_date";
    public const string ContactAdultSanctionsField = "contact_adult_sanctions";
    public const string ContactChildSanctionsField = "contact_child_sanctions";
    public const string NonContactSanctionsField = "non_contact_sanctions";
    public const string IndecentImageSanctionsField = "indecent_image_sanctions";
    public const string TotalSanctionsField = "total_sanctions";
    public const string LastSexualSanctionDateField = "last_sexual_sanction_date";
    public const string StrangerVictimField = "stranger_victim";

    /// <summary>Sanctions of the four sexual kinds together (indecent images are sexual offences too).</summary>
    public int SexualSanctions => ContactAdultSanctions + ContactChildSanctions + NonContactSanctions + IndecentImageSanctions;

    /// <summary>Refuses missing or inconsistent inputs with INVALID_ARGUMENT naming every field at fault.</summary>
    public void Validate(string prefix) => Check(new Validator(), prefix).ThrowIfInvalid();

    /// <summary>Adds a problem to <paramref name="v"/> for every missing or inconsistent input, under <paramref name="prefix"/>.</summary>
    public Validator Check(Validator v, string prefix)
    {
        string F(string field) => $"{prefix}.{field}";

        v.Check(DateOfBirth is not null, F(DateOfBirthField), "is required", RuleId);
        v.Check(FollowUpStartDate is not null, F(FollowUpStartDateField), "is required", RuleId);
        v.DefinedEnum(F(GenderField), Gender, rule: RuleId);
        v.DefinedEnum(F(StrangerVictimField), StrangerVictim, rule: RuleId);

        var countsInRange = true;
        foreach (var (field, count) in new[]
        {
            (ContactAdultSanctionsField, ContactAdultSanctions),
            (ContactChildSanctionsField, ContactChildSanctions),
            (NonContactSanctionsField, NonContactSanctions),
            (IndecentImageSanctionsField, IndecentImageSanctions),
            (TotalSanctionsField, TotalSanctions),
        })
        {
            var inRange = count is >= 0 and <= MaxCount;
            v.Check(inRange, F(field), count < 0 ? "must not be negative" : $"must be at most {MaxCount}", RuleId);
            countsInRange &= inRange;
        }
        if (!countsInRange)
        {
            return v; // the relations below mean nothing on counts out of range
        }

        var sexual = SexualSanctions;
        v.Check(TotalSanctions >= sexual, F(TotalSanctionsField),
            $"counts sanctions of every kind, so it cannot be less than the {sexual} sexual sanctions", RuleId);
        v.Check(sexual == 0 || LastSexualSanctionDate is not null, F(LastSexualSanctionDateField),
            "is required when there is a sexual sanction", RuleId);
        v.Check(sexual > 0 || LastSexualSanctionDate is null, F(LastSexualSanctionDateField),
            "is given but no sexual sanction is counted", RuleId);

        if (LastSexualSanctionDate is { } last)
        {
            v.Check(FollowUpStartDate is not { } start || start >= last, F(FollowUpStartDateField),
                "cannot be before the last sexual sanction", RuleId);
            if (DateOfBirth is { } born)
            {
                if (born > last)
                {
                    v.Add(F(DateOfBirthField), "cannot be after the last sexual sanction", RuleId);
                }
                else
                {
                    v.Check(PersonAge.On(born, last) >= AgeOfCriminalResponsibility, F(LastSexualSanctionDateField),
                        $"the person was under {AgeOfCriminalResponsibility} then, below the age of criminal responsibility, so no sanction can be", RuleId);
                }
            }
        }
        else if (DateOfBirth is { } born && FollowUpStartDate is { } start)
        {
            v.Check(born <= start, F(DateOfBirthField), "cannot be after the start of follow-up", RuleId);
        }
        return v;
    }
}
