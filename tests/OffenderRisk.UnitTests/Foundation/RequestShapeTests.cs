using System.Reflection;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>The request-shape limits, text normalisation and control-character refusal every request passes before validation (issue 13).</summary>
public sealed class RequestShapeTests
{
    private static readonly RequestLimits Limits = new();

    private static ValidationFailedException Refused(IMessage request) =>
        Assert.Throws<ValidationFailedException>(() => RequestShape.Check(request, Limits));

    [Fact]
    public void A_repeated_field_over_the_limit_is_one_violation_and_its_entries_are_not_examined()
    {
        var nominal = new Nominal();
        nominal.Aliases.Add(Enumerable.Range(0, 5000).Select(_ => new PersonName { FamilyName = "\u0007" }));

        var e = Refused(new CreateNominalRequest { Nominal = nominal });

        var problem = Assert.Single(e.Problems);
        Assert.Equal(("nominal.aliases", "must have at most 500 entries"), (problem.Field, problem.Description));
    }

    [Fact]
    public void A_text_over_the_limit_is_refused_by_its_path()
    {
        var e = Refused(new CreateNominalRequest { Nominal = new Nominal { PrimaryName = new PersonName { FamilyName = new string('x', 10_001) } } });

        Assert.Equal(["nominal.primary_name.family_name"], e.Problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("PC-1\n")]
    [InlineData("PC-1\r")]
    [InlineData("PC\t1")]
    [InlineData("PC-\u0000")]
    [InlineData("PC-\u007f")]
    [InlineData("PC-\u0085")]
    public void Every_control_character_is_refused_in_an_identifier(string officer)
    {
        var e = Refused(new AssignOfficerRequest { Officer = officer });

        Assert.Equal(["officer"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Control_characters_in_repeated_names_are_refused_naming_each_entry()
    {
        var nominal = new Nominal { Aliases = { new PersonName { FamilyName = "OK" }, new PersonName { GivenNames = "A\u001bB" } } };

        var e = Refused(new CreateNominalRequest { Nominal = nominal });

        Assert.Equal(["nominal.aliases[1].given_names"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Narrative_text_keeps_line_breaks_and_tabs_but_refuses_other_control_characters()
    {
        RequestShape.Check(new AssignOfficerRequest { Reason = "line one\r\nline two\tend" }, Limits);

        var e = Refused(new AssignOfficerRequest { Reason = "bell\u0007" });

        Assert.Equal(["reason"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Text_is_put_in_unicode_nfc_in_place()
    {
        var request = new CreateNominalRequest { Nominal = new Nominal { PrimaryName = new PersonName { GivenNames = "Jose\u0301" }, Aliases = { new PersonName { FamilyName = "Zoe\u0308" } } } };

        RequestShape.Check(request, Limits);

        Assert.Equal("Jos\u00e9", request.Nominal.PrimaryName.GivenNames);
        Assert.Equal("Zo\u00eb", request.Nominal.Aliases[0].FamilyName);
    }

    [Fact]
    public void A_body_that_is_not_a_valid_message_is_invalid_argument_malformed_request()
    {
        var marshaller = BoundedRequests.Checked(CreateNominalRequestMarshaller(), Limits, "nominals.offenderrisk");

        var e = Assert.Throws<RpcException>(() => marshaller.ContextualDeserializer(new Payload([0x0A, 0x20, 0x01])));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("MALFORMED_REQUEST", e.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
    }

    [Fact]
    public void A_parsed_request_over_a_limit_is_invalid_argument_with_its_violation()
    {
        var marshaller = BoundedRequests.Checked(CreateNominalRequestMarshaller(), Limits, "nominals.offenderrisk");
        var bytes = new AssignOfficerRequest { Officer = "PC-1\n" }.ToByteArray();
        var officer = BoundedRequests.Checked(Marshallers.Create(m => m.ToByteArray(), AssignOfficerRequest.Parser.ParseFrom), Limits, "nominals.offenderrisk");

        var e = Assert.Throws<RpcException>(() => officer.ContextualDeserializer(new Payload(bytes)));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("officer", e.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Single().Field);
        Assert.NotNull(marshaller.ContextualDeserializer(new Payload(new CreateNominalRequest().ToByteArray())));
    }

    private sealed class Payload(byte[] bytes) : DeserializationContext
    {
        public override int PayloadLength => bytes.Length;
        public override byte[] PayloadAsNewBuffer() => (byte[])bytes.Clone();
        public override System.Buffers.ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(bytes);
    }

    private static Marshaller<CreateNominalRequest> CreateNominalRequestMarshaller() =>
        Marshallers.Create(m => m.ToByteArray(), CreateNominalRequest.Parser.ParseFrom);

    [Theory]
    [InlineData(100, 500, 10_000)]
    [InlineData(1024, 0, 10_000)]
    [InlineData(1024, 500, 100)]
    public void Limits_that_would_not_bound_anything_or_would_refuse_the_rulebooks_own_refuse_to_start(int bytes, int count, int text)
    {
        Assert.NotNull(new RequestLimits { MaxMessageBytes = bytes, MaxRepeatedCount = count, MaxTextLength = text }.Problem());
        Assert.Null(new RequestLimits().Problem());
    }

    [Fact]
    public void A_violation_field_path_and_description_are_bounded_in_length_and_so_is_the_message()
    {
        var v = new Validator();
        for (var i = 0; i < 30; i++)
        {
            v.Add(new string('f', 5000), new string('d', 5000));
        }

        var e = Assert.Throws<ValidationFailedException>(v.ThrowIfInvalid);

        Assert.All(e.Problems, p => Assert.True(p.Field.Length <= Validator.MaxFieldPathLength && p.Description.Length <= Validator.MaxDescriptionLength));
        Assert.True(e.Message.Length <= ValidationFailedException.MaxMessageLength);
        var status = RpcErrors.From(e, "nominals.offenderrisk").GetRpcStatus()!;
        Assert.True(status.CalculateSize() < 16 * 1024, $"a status of {status.CalculateSize()} bytes");
    }

    [Fact]
    public void A_violation_built_outside_a_validator_is_bounded_when_it_becomes_a_status()
    {
        var e = new ValidationFailedException(Enumerable.Range(0, 1000).Select(i => new FieldProblem($"items[{i}]", new string('d', 5000))).ToList());

        var violations = RpcErrors.From(e, "nominals.offenderrisk").GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations;

        Assert.Equal(Validator.MaxReportedProblems + 1, violations.Count);
        Assert.All(violations, x => Assert.True(x.Description.Length <= Validator.MaxDescriptionLength));
    }
}

/// <summary>Storage that cannot be reached is UNAVAILABLE (retry), not INTERNAL (issue 13).</summary>
public sealed class StorageUnavailableTests
{
    [Fact]
    public async Task A_refused_postgresql_connection_is_storage_unavailable()
    {
        await using var source = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=3");
        var e = await Assert.ThrowsAnyAsync<Exception>(async () => await source.OpenConnectionAsync());

        Assert.NotNull(RpcErrorInterceptor.StorageUnavailable(e));
    }

    [Fact]
    public void A_sqlite_file_that_cannot_be_opened_is_storage_unavailable()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=/nonexistent-dir/x.db;Mode=ReadWrite");
        var e = Assert.ThrowsAny<Exception>(connection.Open);

        Assert.NotNull(RpcErrorInterceptor.StorageUnavailable(e));
    }

    [Fact]
    public void A_failure_the_server_answered_about_the_statement_is_not_storage_unavailable()
    {
        Assert.Null(RpcErrorInterceptor.StorageUnavailable(new InvalidOperationException("a bug")));
        Assert.Null(RpcErrorInterceptor.StorageUnavailable(new Npgsql.PostgresException("syntax", "ERROR", "ERROR", "42601")));
        Assert.NotNull(RpcErrorInterceptor.StorageUnavailable(new Npgsql.PostgresException("gone", "FATAL", "FATAL", "57P01")));
        Assert.NotNull(RpcErrorInterceptor.StorageUnavailable(new InvalidOperationException("wrapped", new Npgsql.PostgresException("no db", "FATAL", "FATAL", "3D000"))));
    }
}

/// <summary>
/// Every regex in the services matches whole values of ASCII digits: "\A...\z" (never "$", which
/// also matches before a final newline) and "[0-9]" (never "\d", which matches any script's digits,
/// whatever the RegexOptions).
/// </summary>
public sealed class WholeValueRegexTests
{
    /// <summary>Patterns that look for a suffix in a resource name of our own assembly, not a caller's value.</summary>
    private static readonly HashSet<string> SuffixPatterns = [@"\.arms-factors-v[0-9]+\.json\z", @"Migrations\.V(?<version>[0-9]+)__(?<description>[A-Za-z0-9_]+?)(?<dialect>\.sqlite|\.postgres)?\.sql\z"];

    public static TheoryData<string, string> Patterns()
    {
        var data = new TheoryData<string, string>();
        foreach (var assembly in new[] { "OffenderRisk.Platform", "OffenderRisk.Nominals", "OffenderRisk.Assessments", "OffenderRisk.Interventions", "OffenderRisk.IdentityChecks" }.Select(Assembly.Load))
        {
            foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)))
            {
                if (method.GetCustomAttribute<GeneratedRegexAttribute>() is { } regex)
                {
                    data.Add($"{method.DeclaringType!.Name}.{method.Name}", regex.Pattern);
                }
            }
        }
        return data;
    }

    [Fact]
    public void The_services_have_regexes_to_check() => Assert.True(Patterns().Count >= 20);

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Every_regex_is_anchored_with_A_and_z_and_uses_ascii_digits(string method, string pattern)
    {
        Assert.DoesNotContain(@"\d", pattern, StringComparison.Ordinal);
        Assert.DoesNotContain("$", pattern, StringComparison.Ordinal);
        Assert.EndsWith(@"\z", pattern, StringComparison.Ordinal);
        Assert.True(pattern.StartsWith(@"\A", StringComparison.Ordinal) || SuffixPatterns.Contains(pattern), $"{method}: {pattern} is not anchored at the start");
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void No_regex_matches_a_value_with_a_trailing_newline_or_a_non_ascii_digit(string method, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        foreach (var sample in new[] { "99/1234567A", "PC-1001", "XA", "a", "1", "2026-01-01", "HV-1", "plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/a" })
        {
            Assert.False(regex.IsMatch(sample + "\n"), $"{method} matches {sample}\\n");
            Assert.False(regex.IsMatch(sample.Replace('1', '\u0663')) && sample.Contains('1'), $"{method} matches an Arabic-Indic digit in {sample}");
        }
    }
}
