namespace OffenderRisk.AgencyStubs.Tests.Infrastructure;

/// <summary>Bounded polling for effects that happen asynchronously (file watching, delayed request logging).</summary>
public static class Eventually
{
    public static async Task<bool> TrueWithin(TimeSpan limit, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }

    public static async Task<bool> TrueWithin(TimeSpan limit, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }
}
