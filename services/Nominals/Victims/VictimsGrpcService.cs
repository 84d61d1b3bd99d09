using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Nominals.Storage;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Victims;

/// <summary>
/// The victim compartment (R-VI1 to R-VI4). Every RPC needs the victim-liaison role (R-VI2) but
/// SummariseVictims, the assessor's narrower view (R-VI1: no contact detail), which has its own
/// policy; so each RPC names its policy and the class names none (policies on a class and a method
/// would both be required). Every RPC writes its audit entry in the operation's transaction; every
/// read is a consultation. The
/// nominal is read only to scope the call to its force and, for a review application, to record
/// the application on it (R-NT2, which the nominal decides); nothing about victims ever flows the
/// other way. Nothing here logs or tags
/// telemetry: victim data must not leave this compartment. The creates are idempotent by reference
/// (<see cref="IdempotentCreate.RunByReferenceAsync{TResponse}"/>): their keys name what was created
/// and a replay reads it again, so no copy of a victim's details is kept outside victim_* tables.
/// </summary>
internal sealed class VictimsGrpcService(
    RecordAccess records, IdempotentCreate creates, VictimStore victims, NominalStore nominals, NominalChangeWriter nominalChanges, TimeProvider clock)
    : VictimsService.VictimsServiceBase
{
    /// <summary>The most victims a summary lists (the contract's bound).</summary>
    public const int MaxSummarised = 200;

    [Authorize(Policy = Policies.VictimContact)]
    public override async Task<CreateVictimResponse> CreateVictim(CreateVictimRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var details = VictimValidation.Validate(request.Victim ?? new Victim(), "victim");
        VictimValidation.EnsureConsistent(details, "victim");

        // One key per request id under the nominal, as the victims' own unique index had it.
        return await creates.RunByReferenceAsync(call, $"CreateVictim:{nominalId}", requestId, request, async s =>
            {
                var nominal = await FindNominalAsync(s, call, nominalId);
                var now = clock.GetUtcNow();
                var record = VictimRecord.New(RequestIds.NewId(now), nominalId, details, call.UserId, now);
                await victims.InsertVictimAsync(s, record);
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, record.ResourceName, nominal.ForceCode));
                return new IdempotentCreate.Created<CreateVictimResponse>(record.ResourceName, new CreateVictimResponse { Victim = ToContract(record, nominal.ForceCode) });
            },
            async (s, name) =>
            {
                var nominal = await FindNominalAsync(s, call, nominalId);
                var victim = await victims.FindVictimAsync(s, nominalId, IdOf(name)) ?? throw new ResourceNotFoundException(name);
                return new CreateVictimResponse { Victim = ToContract(victim, nominal.ForceCode) };
            });
    }

    [Authorize(Policy = Policies.VictimContact)]
    public override async Task<GetVictimResponse> GetVictim(GetVictimRequest request, ServerCallContext context)
    {
        var (nominalId, victimId) = ParseVictimName(request.Name, "name");
        return await records.GetAsync(context.Scope(), new VictimReader(victims, nominals, nominalId), victimId, VictimNames.Format(nominalId, victimId),
            v => new GetVictimResponse { Victim = ToContract(v.Victim, v.ForceCode) });
    }

    [Authorize(Policy = Policies.VictimContact)]
    public override async Task<ListVictimsResponse> ListVictims(ListVictimsRequest request, ServerCallContext context)
    {
        var (page, force) = await ListPageAsync(context.Scope(), NominalNames.Parse(request.Parent, "parent"), new PageRequest(request.PageSize, request.PageToken));
        var response = new ListVictimsResponse { NextPageToken = page.NextPageToken };
        response.Victims.AddRange(page.Items.Select(v => ToContract(v, force)));
        return response;
    }

    /// <summary>
    /// R-VI1: what an assessor may know of the nominal's victims, newest first, at most
    /// <see cref="MaxSummarised"/>: each victim's relationship to the offender, contact wishes and
    /// assessment considerations, and never a contact detail (R-VI2: those stay with victim
    /// liaison). The first page of the victims' list, read and audited as ListVictims reads it.
    /// </summary>
    [Authorize(Policy = Policies.VictimSummary)]
    public override async Task<SummariseVictimsResponse> SummariseVictims(SummariseVictimsRequest request, ServerCallContext context)
    {
        var (page, _) = await ListPageAsync(context.Scope(), NominalNames.Parse(request.Parent, "parent"),
            new PageRequest(MaxSummarised, "", MaxSummarised, MaxSummarised));
        var response = new SummariseVictimsResponse { Truncated = page.NextPageToken.Length > 0 };
        response.Victims.AddRange(page.Items.Select(ToSummary));
        return response;
    }

    /// <summary>
    /// One page of the nominal's victims, newest first, with the nominal's force: the nominal must be
    /// the caller's force's (NOT_FOUND otherwise), and the read is one consultation of its victim
    /// collection (R-VI2).
    /// </summary>
    private async Task<(Page<VictimRecord> Page, string Force)> ListPageAsync(CallScope call, string nominalId, PageRequest request)
    {
        string? force = null;
        var page = await records.ListAsync(call, request, $"victims:{call.Force}:{nominalId}",
            (s, before, limit) => victims.ListVictimsAsync(s, nominalId, before, limit), v => v.Id,
            new AuditEvent(AuditOperation.Consultation, VictimNames.Collection(nominalId), call.Force),
            async s =>
            {
                force = (await FindNominalAsync(s, call, nominalId)).ForceCode;
                return new AuditEvent(AuditOperation.Consultation, VictimNames.Collection(nominalId), force);
            });
        return (page, force!);
    }

    [Authorize(Policy = Policies.VictimContact)]
    public override async Task<UpdateVictimResponse> UpdateVictim(UpdateVictimRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var victim = request.Victim ?? new Victim();
        var (nominalId, victimId) = ParseVictimName(victim.Name, "victim.name");
        var paths = request.UpdateMask?.Paths.ToHashSet(StringComparer.Ordinal) ?? [];
        var v = new Validator();
        v.Check(paths.Count > 0, "update_mask", "must name at least one field");
        foreach (var path in paths.Where(p => !VictimValidation.UpdatableFields.Contains(p)))
        {
            v.Add("update_mask", $"'{path}' cannot be updated");
        }
        var expectedVersion = Etag.Require(victim.Etag, v, "victim.etag", "victim");
        v.ThrowIfInvalid();
        var changes = VictimValidation.Validate(victim, "victim", paths);

        return await records.UpdateAsync(call, new VictimReader(victims, nominals, nominalId), victimId, VictimNames.Format(nominalId, victimId),
            expectedVersion, (current, now) =>
            {
                var merged = VictimValidation.Merge(current.Victim.Details, changes, paths);
                VictimValidation.EnsureConsistent(merged, "victim");
                var wishesRecorded = paths.Contains("contact_wishes") || paths.Contains("contact_wishes_note");
                return current with { Victim = current.Victim.Changed(merged, wishesRecorded, call.UserId, now) };
            },
            u => new UpdateVictimResponse { Victim = ToContract(u.Victim, u.ForceCode) });
    }

    [Authorize(Policy = Policies.VictimContact)]
    public override async Task<RecordContactActionResponse> RecordContactAction(RecordContactActionRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, victimId) = ParseVictimName(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var action = request.ContactAction ?? new VictimContactAction();
        new Validator()
            .DefinedEnum("contact_action.kind", action.Kind)
            .Required("contact_action.purpose", action.Purpose)
            .MaxLength("contact_action.purpose", action.Purpose, VictimValidation.MaxNoteLength)
            .ThrowIfInvalid();

        // One key per request id under the victim, as the contact actions' own unique index had it.
        return await creates.RunByReferenceAsync(call, $"RecordContactAction:{victimId}", requestId, request, async s =>
            {
                var (victim, force) = await FindVictimAsync(s, call, nominalId, victimId);
                // R-VI3: refused before anything is written; the refusal itself reveals no victim data.
                VictimContactWishesRule.EnsurePermitted(victim.Details.ContactWishes, (VictimContactActionKind)action.Kind, call.IsInRole(Roles.VictimLiaison));

                var now = clock.GetUtcNow();
                var record = new VictimContactActionRecord(RequestIds.NewId(now), nominalId, victimId, (VictimContactActionKind)action.Kind, action.Purpose.Trim(), call.UserId, now);
                await victims.InsertContactActionAsync(s, record);
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, record.ResourceName, force));
                return new IdempotentCreate.Created<RecordContactActionResponse>(record.ResourceName, new RecordContactActionResponse { ContactAction = ToContract(record) });
            },
            async (s, name) =>
            {
                await FindVictimAsync(s, call, nominalId, victimId);
                var action = await victims.FindContactActionAsync(s, victimId, IdOf(name)) ?? throw new ResourceNotFoundException(name);
                return new RecordContactActionResponse { ContactAction = ToContract(action) };
            });
    }

    [Authorize(Policy = Policies.VictimContact)]
    public override async Task<ListContactActionsResponse> ListContactActions(ListContactActionsRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var (nominalId, victimId) = ParseVictimName(request.Parent, "parent");
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken), $"victimContactActions:{call.Force}:{victimId}",
            (s, before, limit) => victims.ListContactActionsAsync(s, victimId, before, limit), a => a.Id,
            new AuditEvent(AuditOperation.Consultation, VictimNames.Format(nominalId, victimId), call.Force),
            async s =>
            {
                var (victim, force) = await FindVictimAsync(s, call, nominalId, victimId);
                return new AuditEvent(AuditOperation.Consultation, victim.ResourceName, force);
            });
        var response = new ListContactActionsResponse { NextPageToken = page.NextPageToken };
        response.ContactActions.AddRange(page.Items.Select(ToContract));
        return response;
    }

    [Authorize(Policy = Policies.VictimContact)]
    public override async Task<RecordReviewApplicationResponse> RecordReviewApplication(RecordReviewApplicationRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var nominalId = NominalNames.Parse(request.Parent, "parent");
        var requestId = RequestIds.Validate(request.RequestId);
        var v = new Validator();
        var applicationDate = NominalValidation.ValidateDate(v, request.ApplicationDate, "application_date", required: true);
        v.Check(applicationDate is null || applicationDate <= Today(), "application_date", "must not be in the future");
        v.ThrowIfInvalid();

        // One key per request id under the nominal, as the applications' own unique index had it.
        return await creates.RunByReferenceAsync(call, $"RecordReviewApplication:{nominalId}", requestId, request, async s =>
            {
                var nominal = await FindNominalAsync(s, call, nominalId);
                var now = clock.GetUtcNow();
                var id = RequestIds.NewId(now);
                // R-VI4 and R-NT2: the nominal records the application (same id, same unit of work), or refuses it.
                var change = nominal.RecordReviewApplication(id, applicationDate!.Value, call.UserId, now);
                var written = await RecordAccess.WriteAsync(s, nominals, nominal, change.Nominal, now);
                await nominalChanges.ApplyAsync(s, written, change, call.UserId, now);
                await records.AuditAsync(s, call, AuditOperation.Alteration, written);
                var notices = VictimReviewNotification.Notices(await victims.ListRegisteredForReviewAsync(s, nominalId));
                var application = new ReviewApplicationRecord(id, nominalId, applicationDate.Value,
                    written.Management.ReviewApplications[^1].QualifyingDate, call.UserId, now, notices.Select(n => n.Victim.Id).ToArray());
                await victims.InsertReviewApplicationAsync(s, application);
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Collection, application.ResourceName, nominal.ForceCode));
                return new IdempotentCreate.Created<RecordReviewApplicationResponse>(application.ResourceName, await AnswerApplicationAsync(s, call, nominal, application, notices));
            },
            async (s, name) =>
            {
                // A replay answers as the first call did, with the victims registered now.
                var nominal = await FindNominalAsync(s, call, nominalId);
                var application = await victims.FindReviewApplicationAsync(s, nominalId, IdOf(name)) ?? throw new ResourceNotFoundException(name);
                return await AnswerApplicationAsync(s, call, nominal, application, VictimReviewNotification.Notices(await victims.ListRegisteredForReviewAsync(s, nominalId)));
            });
    }

    /// <summary>The application and the victims to notify; the victims listed were read: a consultation of the nominal's victims (R-VI2).</summary>
    private async Task<RecordReviewApplicationResponse> AnswerApplicationAsync(
        Session s, CallScope call, NominalRecord nominal, ReviewApplicationRecord application, IReadOnlyList<VictimNotice> notices)
    {
        await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, VictimNames.Collection(nominal.Id), nominal.ForceCode));
        var response = new RecordReviewApplicationResponse { Application = ToContract(application) };
        response.VictimsToNotify.AddRange(notices.Select(ToContract));
        return response;
    }

    private Task<NominalRecord> FindNominalAsync(Session s, CallScope call, string nominalId) =>
        RecordAccess.FindVisibleAsync(s, call, nominals, nominalId, NominalNames.Format(nominalId));

    /// <summary>
    /// The victim and its owning force (its nominal's), if both exist and the nominal belongs to the
    /// caller's force; NOT_FOUND naming the victim otherwise, so another force's victim cannot be
    /// told apart from a missing one.
    /// </summary>
    private async Task<(VictimRecord Victim, string Force)> FindVictimAsync(Session s, CallScope call, string nominalId, string victimId)
    {
        var owned = await RecordAccess.FindVisibleAsync(s, call, new VictimReader(victims, nominals, nominalId), victimId, VictimNames.Format(nominalId, victimId));
        return (owned.Victim, owned.ForceCode);
    }

    /// <summary>The created record's id: the last segment of the name its idempotency key recorded.</summary>
    private static string IdOf(string resourceName) => resourceName[(resourceName.LastIndexOf('/') + 1)..];

    private static (string NominalId, string VictimId) ParseVictimName(string name, string field) =>
        VictimNames.TryParse(name)
        ?? throw ValidationFailedException.For(field, "must be a victim name, nominals/{uuid}/victims/{uuid}");

    private DateOnly Today() => clock.Today();

    private static Victim ToContract(VictimRecord v, string force)
    {
        var d = v.Details;
        var victim = new Victim
        {
            Name = v.ResourceName,
            ForceCode = force,
            PersonName = d.Name.ToContract(),
            Phone = d.Phone,
            Email = d.Email,
            PostalAddress = d.PostalAddress?.ToContract(),
            PreferredChannel = (Contract.VictimContactChannel)d.PreferredChannel,
            RelationshipToOffender = d.RelationshipToOffender,
            ContactWishes = (Contract.VictimContactWishes)d.ContactWishes,
            ContactWishesNote = d.ContactWishesNote,
            WishesHistory = { v.WishesHistory.Select(ToContract) },
            AssessmentConsiderations = d.AssessmentConsiderations,
            SafetyMeasures = d.SafetyMeasures,
            ReviewNotificationRegistered = d.ReviewNotificationRegistered,
            CreateTime = Timestamp.FromDateTimeOffset(v.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(v.UpdateTime),
            Etag = Etag.From(v.Version),
        };
        if (v.CurrentWishes is { } current)
        {
            victim.WishesRecordedBy = current.RecordedBy;
            victim.WishesRecordTime = Timestamp.FromDateTimeOffset(current.RecordTime);
        }
        return victim;
    }

    /// <summary>The assessor's view of a victim (R-VI1): no name, phone, email or address.</summary>
    private static VictimSummary ToSummary(VictimRecord v) => new()
    {
        Name = v.ResourceName,
        RelationshipToOffender = v.Details.RelationshipToOffender,
        ContactWishes = (Contract.VictimContactWishes)v.Details.ContactWishes,
        AssessmentConsiderations = v.Details.AssessmentConsiderations,
    };

    private static VictimContactWishesEntry ToContract(ContactWishesEntry e) => new()
    {
        ContactWishes = (Contract.VictimContactWishes)e.ContactWishes,
        Note = e.Note,
        RecordedBy = e.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(e.RecordTime),
    };

    private static VictimContactAction ToContract(VictimContactActionRecord a) => new()
    {
        Name = a.ResourceName,
        Kind = (Contract.VictimContactActionKind)a.Kind,
        Purpose = a.Purpose,
        RecordedBy = a.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(a.RecordTime),
    };

    private static NotificationReviewApplication ToContract(ReviewApplicationRecord a) => new()
    {
        Name = a.ResourceName,
        ApplicationDate = a.ApplicationDate.ToContract(),
        ReviewEligibilityDate = a.ReviewEligibilityDate.ToContract(),
        RecordedBy = a.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(a.RecordTime),
        NotifiedVictims = { a.NotifiedVictimIds.Select(id => VictimNames.Format(a.NominalId, id)) },
    };

    /// <summary>Only the detail of the channel to use is given; none for a victim not to be contacted.</summary>
    private static VictimToNotify ToContract(VictimNotice n)
    {
        var d = n.Victim.Details;
        var notify = new VictimToNotify
        {
            Victim = n.Victim.ResourceName,
            PersonName = d.Name.ToContract(),
            ContactWishes = (Contract.VictimContactWishes)d.ContactWishes,
            Route = (Contract.VictimNotificationRoute)n.Route,
            Channel = (Contract.VictimContactChannel)n.Channel,
        };
        switch (n.Channel)
        {
            case VictimContactChannel.Phone:
                notify.Phone = d.Phone;
                break;
            case VictimContactChannel.Email:
                notify.Email = d.Email;
                break;
            case VictimContactChannel.Post:
                notify.PostalAddress = d.PostalAddress?.ToContract();
                break;
        }
        return notify;
    }
}

file static class VictimAddressMapping
{
    public static VictimPostalAddress ToContract(this VictimAddressRecord a) => new() { Lines = { a.Lines }, Postcode = a.Postcode };
}
