namespace Kamino.Health;

/// <summary>What the health-weight rules say to a person (<see cref="HealthWeightProblem.Why"/>).</summary>
internal static class HealthProblemSentences
{
    internal static readonly Dictionary<string, Sentence> Table = new(StringComparer.Ordinal)
    {
        ["health.weight-range"] = new("the {0} weight is a whole number from 0 to 100", "el peso de «{0}» es un número entero de 0 a 100", "w"),
        ["health.weights-sum"] = new("the four health weights sum to 100 (now {0})", "los cuatro pesos de la salud suman 100 (ahora {0})", "n"),
    };
}
