namespace OpenVpp.Core.Simulation;

/// <summary>Independent random streams, so that adding a draw to one model never shifts another's numbers.</summary>
internal enum SimulationStream : ulong
{
    HomeLayout = 1,
    HomeNoise = 2,
    DailyWeather = 3,
    EvSession = 4,
}
