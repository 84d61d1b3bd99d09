namespace OffenderRisk.Nominals.Victims;

// The victims' vocabulary, owned by the domain: each value has the name and number of its namesake in
// offenderrisk.nominals.v1 (storage keeps the numbers; VictimsGrpcService and VictimValidation cast at
// the edge; NominalVocabularyTests keeps each pair in step).

/// <summary>
/// What the victim has asked about being contacted (R-VI3). Every contact respects it.
/// </summary>
public enum VictimContactWishes
{
    Unspecified = 0,
    /// <summary>
    /// Any kind of contact.
    /// </summary>
    ContactAllowed = 1,
    /// <summary>
    /// No contact of any kind. The victim needs no means of contact.
    /// </summary>
    NoContact = 2,
    /// <summary>
    /// Only through the victim liaison officer, never another officer or agency directly.
    /// </summary>
    ViaLiaisonOnly = 3,
    /// <summary>
    /// Letters and emails only: no calls and no visits. Needs an email or postal address.
    /// </summary>
    WrittenOnly = 4,
}

/// <summary>
/// A way to reach the victim.
/// </summary>
public enum VictimContactChannel
{
    Unspecified = 0,
    /// <summary>
    /// Needs phone.
    /// </summary>
    Phone = 1,
    /// <summary>
    /// Needs email.
    /// </summary>
    Email = 2,
    /// <summary>
    /// Needs postal_address.
    /// </summary>
    Post = 3,
}

/// <summary>
/// What kind of contact was made with a victim.
/// </summary>
public enum VictimContactActionKind
{
    Unspecified = 0,
    PhoneCall = 1,
    Visit = 2,
    Letter = 3,
    Email = 4,
}

/// <summary>
/// How a registered victim is to be told of a review application, honouring their wishes (R-VI3).
/// </summary>
public enum VictimNotificationRoute
{
    Unspecified = 0,
    /// <summary>
    /// Contact allowed: use the channel given.
    /// </summary>
    Direct = 1,
    /// <summary>
    /// Written only: a letter or email, by the channel given.
    /// </summary>
    InWriting = 2,
    /// <summary>
    /// Only the victim liaison officer makes the contact, by the channel given.
    /// </summary>
    LiaisonOfficerOnly = 3,
    /// <summary>
    /// The victim registered but also asked for no contact: the wish prevails and no contact detail
    /// is given. The victim is listed so that the liaison officer sees the conflict and resolves it
    /// without contacting the victim (for example through a representative the victim named).
    /// </summary>
    DoNotContact = 4,
}
