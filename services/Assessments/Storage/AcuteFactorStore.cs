namespace OffenderRisk.Assessments.Storage;

/// <summary>Acute-factor records (being written).</summary>
public sealed class AcuteFactorStore;
