using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>The clock a process keeps its records by (SuiteClock): real everywhere, shifted only where a test or rehearsal may.</summary>
public sealed class SuiteClockTests
{
    private static IConfiguration Settings(string? startAt) =>
        new ConfigurationBuilder().AddInMemoryCollection(startAt is null ? [] : [new(SuiteClock.StartAtKey, startAt)]).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public void Without_a_start_the_clock_is_the_system_clock()
    {
        Assert.Same(TimeProvider.System, SuiteClock.For(Settings(null), new Environment("Production")));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void A_start_is_refused_outside_Development_and_Testing(string environment)
    {
        var e = Assert.Throws<InvalidOperationException>(() => SuiteClock.For(Settings("2027-01-04T09:00:00Z"), new Environment(environment)));
        Assert.Contains(SuiteClock.StartAtKey, e.Message);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public void A_start_sets_the_clock_there_and_it_runs_forward(string environment)
    {
        var clock = SuiteClock.For(Settings("2027-01-04T09:00:00Z"), new Environment(environment));
        var first = clock.GetUtcNow();
        Assert.InRange(first, new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 4, 9, 1, 0, TimeSpan.Zero));
        Thread.Sleep(20);
        Assert.True(clock.GetUtcNow() > first);
    }

    [Fact]
    public void Processes_given_one_start_and_the_instant_it_was_taken_keep_one_time_whenever_each_started()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new(SuiteClock.StartAtKey, "2027-01-04T09:00:00Z"),
            new(SuiteClock.StartedAtKey, DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O")),
        ]).Build();
        var first = SuiteClock.For(settings, new Environment("Testing"));
        Thread.Sleep(50);
        var second = SuiteClock.For(settings, new Environment("Testing"));

        // Ten minutes after the start was taken, in both, although the second started later.
        var a = first.GetUtcNow();
        var b = second.GetUtcNow();
        Assert.InRange(a, new DateTimeOffset(2027, 1, 4, 9, 10, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 4, 9, 11, 0, TimeSpan.Zero));
        Assert.InRange(b - a, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_start_instant_that_is_not_an_instant_is_refused()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(
            [new(SuiteClock.StartAtKey, "2027-01-04T09:00:00Z"), new(SuiteClock.StartedAtKey, "whenever")]).Build();
        var e = Assert.Throws<InvalidOperationException>(() => SuiteClock.For(settings, new Environment("Testing")));
        Assert.Contains(SuiteClock.StartedAtKey, e.Message);
    }

    [Theory]
    [InlineData("next tuesday")]
    [InlineData("1850-01-01T00:00:00Z")]
    public void A_start_that_is_not_a_plausible_instant_is_refused(string startAt)
    {
        Assert.Throws<InvalidOperationException>(() => SuiteClock.For(Settings(startAt), new Environment("Testing")));
    }
}
