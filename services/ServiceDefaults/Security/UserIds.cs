namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// The one way user ids are compared. An id is a warrant or staff number written by people and by
/// identity providers in either case and sometimes padded: "sgt-2001 " and "SGT-2001" are one
/// person. The normal form is the id trimmed and in upper case (invariant culture); ids are stored
/// as given and compared by their normal form, so an author can never countersign their own work
/// by changing the case of their id.
/// </summary>
public static class UserIds
{
    /// <summary>The normal form of a user id: trimmed, upper case (invariant).</summary>
    public static string Normalise(string? id) => (id ?? "").Trim().ToUpperInvariant();

    /// <summary>Whether two user ids name the same person; an empty id is nobody, and the same as no one.</summary>
    public static bool Same(string? a, string? b)
    {
        var left = Normalise(a);
        return left.Length > 0 && string.Equals(left, Normalise(b), StringComparison.Ordinal);
    }
}
