namespace Kamino.Host.Resources;

/// <summary>
/// Marker type for the UI text in <c>Ui.resx</c> (English, the fallback) and <c>Ui.es.resx</c> (Spanish);
/// pages take an <c>IStringLocalizer&lt;Ui&gt;</c>.
/// </summary>
public sealed class Ui;
