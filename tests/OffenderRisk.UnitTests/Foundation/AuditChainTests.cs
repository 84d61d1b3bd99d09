using OffenderRisk.Platform.Audit;

namespace OffenderRisk.UnitTests.Foundation;

public sealed class AuditChainTests
{
    private static readonly AuditRow Entry = new()
    {
        Sequence = 7,
        Operation = 3,
        RpcMethod = "/offenderrisk.nominals.v1.NominalsService/GetNominal",
        Actor = "PC-0001",
        ActorForce = "XA",
        ActorRoles = "[\"officer\"]",
        OccurTime = "2026-11-27T10:00:00.0000000+00:00",
        Subject = "nominals/00000000-0000-0000-0000-000000000001",
        SubjectForce = "XA",
        Justification = "",
        Recipients = "[]",
        TraceId = "0af7651916cd43dd8448eb211c80319c",
        PreviousHash = AuditRow.GenesisHash,
        KeyId = AuditKeyRing.DevelopmentKeyId,
    };

    private static readonly AuditKeyRing Keys = AuditKeyRing.Development;

    [Fact]
    public void R_AU2_the_hash_is_stable_for_the_same_content()
    {
        Assert.Equal(Entry.ComputeSeal(Keys), (Entry with { }).ComputeSeal(Keys));
        Assert.Matches("^[0-9a-f]{64}$", Entry.ComputeSeal(Keys));
    }

    [Fact]
    public void R_AU2_changing_any_field_changes_the_hash()
    {
        var original = Entry.ComputeSeal(Keys);
        var altered = new[]
        {
            Entry with { Sequence = 8 },
            Entry with { Operation = 2 },
            Entry with { RpcMethod = "/x" },
            Entry with { Actor = "PC-0002" },
            Entry with { ActorForce = "XB" },
            Entry with { ActorRoles = "[\"supervisor\"]" },
            Entry with { OccurTime = "2026-11-27T10:00:01.0000000+00:00" },
            Entry with { Subject = "nominals/other" },
            Entry with { SubjectForce = "XB" },
            Entry with { Justification = "j" },
            Entry with { Recipients = "[\"HMPO\"]" },
            Entry with { TraceId = "0" },
            Entry with { PreviousHash = new string('1', 64) },
        };
        Assert.All(altered, a => Assert.NotEqual(original, a.ComputeSeal(Keys)));
    }

    [Fact]
    public void R_AU2_field_boundaries_cannot_be_shifted_to_forge_the_same_hash()
    {
        var a = Entry with { Actor = "PC-0001", ActorForce = "XA" };
        var b = Entry with { Actor = "PC-0001X", ActorForce = "A" };
        Assert.NotEqual(a.ComputeSeal(Keys), b.ComputeSeal(Keys));
    }

    [Fact]
    public void R_AU2_the_seal_needs_the_key_the_keyless_hash_of_the_same_content_does_not_match_it()
    {
        var other = new AuditKeyRing(new Dictionary<string, byte[]> { [AuditKeyRing.DevelopmentKeyId] = new byte[32] }, AuditKeyRing.DevelopmentKeyId);
        Assert.NotEqual(Entry.ComputeSeal(Keys), Entry.ComputeSeal(other));
        Assert.NotEqual(Entry.ComputeSeal(Keys), Entry.ComputeLegacyHash());
    }
}
