using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>Synthetic qualifying events and notifications, and the calls that record them (R-NT1, R-NT2).</summary>
internal static class OffenceTestData
{
    public static CalendarDate Date(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };

    public static DateOnly ToDate(CalendarDate d) => new(d.Year, d.Month, d.Day);

    /// <summary>A conviction on <paramref name="relevant"/>; sentenced when a disposal is given.</summary>
    public static QualifyingEvent Conviction(DateOnly relevant, Disposal disposal = Disposal.Unspecified, Term? term = null, DateOnly? sentenced = null,
        DateOnly? released = null, OffenceClass offenceClass = OffenceClass.Sexual) => new()
    {
        Kind = QualifyingEventKind.Conviction,
        RelevantDate = Date(relevant),
        OffenceClass = offenceClass,
        OffenceDescription = "s.9 SOA 2003 (fictional test offence)",
        Disposal = disposal,
        Term = term,
        SentenceDate = disposal == Disposal.Unspecified ? null : Date(sentenced ?? relevant),
        ReleaseDate = released is { } r ? Date(r) : null,
    };

    public static Term Months(int months) => new() { Months = months };

    public static async Task<Nominal> RecordAsync(NominalsService.NominalsServiceClient client, Nominal nominal, QualifyingEvent e, CallOptions as_) =>
        (await client.RecordQualifyingEventAsync(new RecordQualifyingEventRequest { Parent = nominal.Name, QualifyingEvent = e, Etag = nominal.Etag }, as_)).Nominal;

    /// <summary>A notification at noon UTC on <paramref name="on"/> (the same date in London).</summary>
    public static async Task<Nominal> NotifyAsync(NominalsService.NominalsServiceClient client, Nominal nominal, DateOnly on, CallOptions as_,
        NotificationKind kind = NotificationKind.Initial) =>
        await NotifyAtAsync(client, nominal, new DateTimeOffset(on.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), as_, kind);

    public static async Task<Nominal> NotifyAtAsync(NominalsService.NominalsServiceClient client, Nominal nominal, DateTimeOffset at, CallOptions as_,
        NotificationKind kind = NotificationKind.Initial) =>
        (await client.RecordNotificationAsync(new RecordNotificationRequest { Parent = nominal.Name, Kind = kind, NotifyTime = Timestamp.FromDateTimeOffset(at), Etag = nominal.Etag }, as_)).Nominal;

    /// <summary>
    /// An offender convicted two years and three weeks before <paramref name="firstNotifiedAfterRelease"/>,
    /// sentenced to <paramref name="custodyMonths"/> months' custody (30 or more is indefinite,
    /// R-NT1), released two days before that notification: their review qualifying date (R-NT2) is 15
    /// years after it for an adult.
    /// </summary>
    public static async Task<Nominal> ReleasedAndNotifiedAsync(NominalsService.NominalsServiceClient client, Nominal nominal, int custodyMonths,
        DateOnly firstNotifiedAfterRelease, CallOptions as_)
    {
        var sentenced = firstNotifiedAfterRelease.AddYears(-2);
        var convicted = await RecordAsync(client, nominal, Conviction(sentenced.AddDays(-21), Disposal.Custody, Months(custodyMonths), sentenced,
            released: firstNotifiedAfterRelease.AddDays(-2)), as_);
        return await NotifyAsync(client, convicted, firstNotifiedAfterRelease, as_);
    }
}
