using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// A qualifying event as sent by a caller (R-NT1), checked as a whole: its fields, then how they
/// fit together. Fields are named by their path in the request (e.g.
/// <c>qualifying_event.sentence_date</c>). The date of birth is checked by the nominal itself.
/// </summary>
public static class QualifyingEventValidation
{
    public const int MaxDescriptionLength = 200;

    /// <summary>What UpdateQualifyingEvent may change: the sentence of a pending event, and the release.</summary>
    public static readonly IReadOnlySet<string> UpdatableFields = new HashSet<string>(StringComparer.Ordinal)
        { "disposal", "term", "sentence_date", "release_date" };

    /// <summary>The event's fields (id, recorder and time are the nominal's to set), problems added to <paramref name="v"/>.</summary>
    public static QualifyingEventRecord Parse(Validator v, Contract.QualifyingEvent e, string prefix)
    {
        v.DefinedEnum($"{prefix}.kind", e.Kind)
         .DefinedEnum($"{prefix}.offence_class", e.OffenceClass)
         .MaxLength($"{prefix}.offence_description", e.OffenceDescription, MaxDescriptionLength)
         .DefinedEnum($"{prefix}.disposal", e.Disposal, required: false);
        var relevant = NominalValidation.ValidateDate(v, e.RelevantDate, $"{prefix}.relevant_date", required: true);
        var sentenced = NominalValidation.ValidateDate(v, e.SentenceDate, $"{prefix}.sentence_date", required: false);
        var released = NominalValidation.ValidateDate(v, e.ReleaseDate, $"{prefix}.release_date", required: false);
        return new QualifyingEventRecord("", (QualifyingEventKind)e.Kind, relevant ?? DateOnly.MinValue, (OffenceClass)e.OffenceClass,
            e.OffenceDescription, (Disposal)e.Disposal, ParseTerm(v, e.Term, $"{prefix}.term"), sentenced, released, "", DateTimeOffset.MinValue);
    }

    /// <summary>
    /// The event with the fields named in <paramref name="paths"/> (of <see cref="UpdatableFields"/>)
    /// taken from <paramref name="e"/>, problems added to <paramref name="v"/>.
    /// </summary>
    public static QualifyingEventRecord Amend(Validator v, QualifyingEventRecord current, Contract.QualifyingEvent e, IReadOnlySet<string> paths, string prefix)
    {
        if (paths.Contains("disposal"))
        {
            v.DefinedEnum($"{prefix}.disposal", e.Disposal, required: false);
        }
        return current with
        {
            Disposal = paths.Contains("disposal") ? (Disposal)e.Disposal : current.Disposal,
            Term = paths.Contains("term") ? ParseTerm(v, e.Term, $"{prefix}.term") : current.Term,
            SentenceDate = paths.Contains("sentence_date") ? NominalValidation.ValidateDate(v, e.SentenceDate, $"{prefix}.sentence_date", required: false) : current.SentenceDate,
            ReleaseDate = paths.Contains("release_date") ? NominalValidation.ValidateDate(v, e.ReleaseDate, $"{prefix}.release_date", required: false) : current.ReleaseDate,
        };
    }

    /// <summary>
    /// How the fields fit together: dates in order and not in the future; a caution is its own
    /// disposal with no sentence; a conviction or finding has a disposal exactly when it has a
    /// sentence date; a term for custody and a conditional discharge only; a release only from
    /// custody or hospital, after the sentence.
    /// </summary>
    public static void CheckConsistent(Validator v, QualifyingEventRecord e, string prefix, DateOnly today)
    {
        v.Check(e.RelevantDate <= today, $"{prefix}.relevant_date", "must not be in the future");
        if (e.Kind == QualifyingEventKind.Caution)
        {
            v.Check(e.Disposal == Disposal.Caution, $"{prefix}.disposal", "must be CAUTION for a caution")
             .Check(e.SentenceDate is null, $"{prefix}.sentence_date", "must be unset for a caution (its relevant date is the caution's)");
        }
        else
        {
            v.Check(e.Disposal != Disposal.Caution, $"{prefix}.disposal", "may be CAUTION only for a caution")
             .Check(e.Disposal != Disposal.Unspecified || e.SentenceDate is null, $"{prefix}.disposal", "is required once the sentence date is set")
             .Check(e.Disposal == Disposal.Unspecified || e.SentenceDate is not null, $"{prefix}.sentence_date", "is required with a disposal (both unset while the sentence is pending)");
        }
        if (e.SentenceDate is { } sentenced)
        {
            v.Check(sentenced >= e.RelevantDate, $"{prefix}.sentence_date", "must not be before the relevant date")
             .Check(sentenced <= today, $"{prefix}.sentence_date", "must not be in the future");
        }
        if (QualifyingEventRecord.TakesTerm(e.Disposal))
        {
            v.Check(e.Term is { IsZero: false }, $"{prefix}.term", "is required for custody and a conditional discharge, and not all zero");
        }
        else
        {
            v.Check(e.Term is null, $"{prefix}.term", "must be unset unless the disposal is custody or a conditional discharge");
        }
        if (e.ReleaseDate is { } released)
        {
            v.Check(QualifyingEventRecord.IsDetaining(e.Disposal), $"{prefix}.release_date", "may be set only for custody or a hospital order")
             .Check(e.SentenceDate is null || released >= e.SentenceDate, $"{prefix}.release_date", "must not be before the sentence date")
             .Check(released <= today, $"{prefix}.release_date", "must not be in the future");
        }
    }

    private static SentenceTerm? ParseTerm(Validator v, Contract.Term? term, string field)
    {
        if (term is null)
        {
            return null;
        }
        foreach (var (part, value) in new[] { ("years", term.Years), ("months", term.Months), ("weeks", term.Weeks), ("days", term.Days) })
        {
            v.Check(value is >= 0 and <= SentenceTerm.MaxPart, $"{field}.{part}", $"must be 0 to {SentenceTerm.MaxPart}");
        }
        return new SentenceTerm(term.Years, term.Months, term.Weeks, term.Days);
    }
}
