using System.Security.Cryptography;
using System.Text;

namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>
/// R-IC3: the same enquiry about the same nominal within the window returns the earlier answer
/// without calling the agency again. "The same enquiry" is the agency, the operation and the
/// identifier asked about; the key is a hash, so the identifier is not kept in the clear for it.
/// </summary>
public static class EnquiryDeduplication
{
    /// <summary>The window when configuration does not set one: a day.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    public static string SubjectKey(Agency agency, string operation, string identifier) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{(int)agency}|{operation}|{identifier}")));

    /// <summary>Answers at or after this time are fresh enough to reuse.</summary>
    public static DateTimeOffset FreshSince(DateTimeOffset now, TimeSpan window) => now - window;
}
